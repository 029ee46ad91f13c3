import { hash } from '@node-rs/argon2'
import { sql } from 'drizzle-orm'
import { suggestionId } from '#shared/collab/suggestions.ts'
import { daysBetween, todayIn } from '#shared/dates.ts'
import { PHASE_KINDS, type PhaseKind, type Role } from '#shared/domain.ts'
import { ARGON2ID_OPTIONS } from '#shared/validation/password.ts'
import type { Db, Tx } from '../client.server.ts'
import * as t from '../schema/index.ts'
import { type DemoCalendar, demoCalendar } from './calendar.ts'
import { seedCompletedTaskForce } from './completed-task-force.ts'
import { seedHistory } from './history.ts'
import { demoNotifications } from './notifications.ts'
import { ORGANIZATIONS } from './organizations.ts'
import { DEMO_ACCOUNTS, generatePeople, type SeedPerson } from './people.ts'
import { ASSIGNMENT_TEMPLATES, MILESTONES, SECTIONS, SUBCOMMITTEES, type SubcommitteeKey } from './program.ts'
import { createRandom, type Random } from './random.ts'
import { buildSectionDocument } from './starter-text.ts'

export const DEMO_PASSWORD = 'demo-password'
const DEMO_TIME_ZONE = 'America/Chicago'
const SEED = 20_260_401

/** True when nobody and nothing is in the database yet: the only state the start-up seed touches. */
export function isDatabaseEmpty(db: Db): boolean {
	const row = db.get<{ n: number }>(
		sql`select (select count(*) from ${t.users}) + (select count(*) from ${t.taskForces}) as n`,
	)
	return row.n === 0
}

/**
 * Writes the demo: the GenAI task force four weeks into writing with publication in April, a
 * completed data-governance task force, and the contract's demo accounts. Deterministic for a given
 * day; dates are placed around `today` by `demoCalendar`. Runs in one transaction: either the whole
 * demo is there or none of it.
 */
export async function seedDemo(db: Db, options: { today: Date; replaceExisting?: boolean }) {
	const random = createRandom(SEED)
	const today = todayIn(DEMO_TIME_ZONE, options.today)
	const calendar = demoCalendar(today)
	const now = options.today.getTime()
	// One real argon2id hash shared by every demo person: hashing 130 times would only slow the seed.
	const passwordHash = await hash(DEMO_PASSWORD, ARGON2ID_OPTIONS)

	const people = [...DEMO_ACCOUNTS, ...generatePeople(random)]
	return db.transaction((tx) => {
		if (options.replaceExisting) clearAllData(tx)
		const organizationIds = new Map<string, string>()
		tx.insert(t.organizations)
			.values(
				ORGANIZATIONS.map((org) => {
					const id = random.id()
					organizationIds.set(org.name, id)
					return { id, ...org }
				}),
			)
			.run()

		const userIds = new Map<SeedPerson, string>()
		tx.insert(t.users)
			.values(
				people.map((person) => {
					const id = random.id()
					userIds.set(person, id)
					return {
						id,
						email: person.email,
						name: person.name,
						title: person.title,
						organizationId: organizationIds.get(person.organization) ?? null,
						passwordHash,
						isAdmin: person.isAdmin ?? false,
						createdAt: now - 100 * 86_400_000,
					}
				}),
			)
			.run()
		const idOf = (person: SeedPerson) => userIds.get(person) as string
		const coChair = DEMO_ACCOUNTS[0] as SeedPerson

		const taskForceId = random.id()
		tx.insert(t.taskForces)
			.values({
				id: taskForceId,
				slug: 'genai',
				name: 'Generative AI in Local Government',
				summary:
					'A national task force of cities, counties, universities and industry writing a guidebook of best practices and model policy templates for generative AI in local government.',
				timeZone: DEMO_TIME_ZONE,
				publicationDate: calendar.publicationDate,
				status: 'active',
				createdAt: now - 100 * 86_400_000,
			})
			.run()

		const members = people.filter((person) => person.role)
		tx.insert(t.memberships)
			.values(
				members.map((person) => ({
					taskForceId,
					userId: idOf(person),
					role: person.role as Role,
					joinedAt: now - random.int(70, 99) * 86_400_000,
				})),
			)
			.run()

		const phaseIds = insertPhases(tx, random, taskForceId, calendar, now)

		const subcommitteeIds = new Map<SubcommitteeKey, string>()
		for (const subcommittee of SUBCOMMITTEES) {
			const id = random.id()
			subcommitteeIds.set(subcommittee.key, id)
			const lead = members.find((person) => person.leads === subcommittee.key)
			tx.insert(t.subcommittees)
				.values({
					id,
					taskForceId,
					name: subcommittee.name,
					charge: subcommittee.charge,
					leadUserId: lead ? idOf(lead) : null,
				})
				.run()
		}
		tx.insert(t.subcommitteeMembers)
			.values(
				members.flatMap((person) =>
					person.subcommittees.map((key) => ({
						subcommitteeId: subcommitteeIds.get(key) as string,
						userId: idOf(person),
					})),
				),
			)
			.run()

		const documentId = random.id()
		tx.insert(t.documents)
			.values({
				id: documentId,
				taskForceId,
				title: 'Generative AI for Local Governments',
				summary: 'A guidebook of best practices and model policy templates, published in April.',
			})
			.run()
		// Review data draws from its own stream, so adding to it changes no other seeded row.
		const reviewRandom = createRandom(SEED + 13)
		const threadIds = SEEDED_THREADS.map(() => reviewRandom.id())
		const sectionIds = SECTIONS.map((section, position) => {
			const id = random.id()
			const anchors = SEEDED_THREADS.flatMap((thread, index) =>
				thread.section === section.title
					? [{ threadId: threadIds[index] as string, quote: seededQuote(section) }]
					: [],
			)
			const suggestions = SEEDED_SUGGESTIONS.filter((entry) => entry.section === section.title).map(
				(entry) => {
					const by = members.find(
						(person) => person.subcommittees.includes(section.subcommittee) && !person.leads,
					)
					const id = suggestionId(
						idOf(by ?? coChair),
						now - entry.hoursAgo * 3_600_000,
						reviewRandom.id().slice(0, 8),
					)
					return { id, ...entry.change }
				},
			)
			const body = buildSectionDocument(section.body, random.int(1, 2 ** 30), anchors, suggestions)
			const editor = members.find((person) => person.subcommittees.includes(section.subcommittee))
			const started = section.status !== 'not_started'
			tx.insert(t.sections)
				.values({
					id,
					documentId,
					subcommitteeId: subcommitteeIds.get(section.subcommittee) as string,
					title: section.title,
					position,
					status: section.status,
					targetWords: section.targetWords,
					wordCount: body.words,
					openSuggestions: suggestions.length,
					dueOn: calendar.dateOf(section.dueInDays),
					lastEditedAt: started ? now - random.int(1, 72) * 3_600_000 : null,
					lastEditedBy: started && editor ? idOf(editor) : null,
				})
				.run()
			tx.insert(t.docSnapshots)
				.values({ docId: id, state: Buffer.from(body.state), seq: 0, updatedAt: now })
				.run()
			return id
		})

		const milestoneRows: Array<typeof t.milestones.$inferInsert> = []
		for (const kind of PHASE_KINDS) {
			for (const milestone of MILESTONES[kind]) {
				milestoneRows.push({
					id: random.id(),
					taskForceId,
					phaseId: phaseIds.get(kind) as string,
					title: milestone.title,
					dueOn: calendar.dateOf(milestone.dueInDays),
					completedAt: milestone.done ? now + (milestone.dueInDays - random.int(0, 3)) * 86_400_000 : null,
					completedBy: milestone.done ? idOf(coChair) : null,
				})
			}
		}
		tx.insert(t.milestones).values(milestoneRows).run()

		const assignmentRows = SUBCOMMITTEES.flatMap((subcommittee) => {
			const team = members.filter((person) => person.subcommittees.includes(subcommittee.key))
			const ownSection = SECTIONS.findIndex((section) => section.subcommittee === subcommittee.key)
			const lead = team.find((person) => person.leads === subcommittee.key) ?? coChair
			return ASSIGNMENT_TEMPLATES.map((template) => {
				const createdAt = now + (template.dueInDays - 21) * 86_400_000
				const assignee = random.next() < 0.85 ? random.pick(team) : undefined
				return {
					id: random.id(),
					taskForceId,
					subcommitteeId: subcommitteeIds.get(subcommittee.key) as string,
					sectionId:
						template.phase === 'writing' && ownSection >= 0 ? (sectionIds[ownSection] as string) : null,
					assigneeId: assignee ? idOf(assignee) : null,
					phaseKind: template.phase,
					title: template.title,
					details: '',
					dueOn: calendar.dateOf(template.dueInDays + random.int(-2, 2)),
					status: template.status,
					blockedReason: template.blockedReason ?? null,
					createdBy: idOf(lead),
					createdAt,
					updatedAt: createdAt,
					completedAt: template.status === 'done' ? createdAt + 14 * 86_400_000 : null,
				}
			})
		})
		tx.insert(t.assignments).values(assignmentRows).run()

		const history = seedHistory({
			random,
			taskForceId,
			now,
			coChairId: idOf(coChair),
			writingPhaseId: phaseIds.get('writing') as string,
			milestones: milestoneRows,
			assignments: assignmentRows,
		})
		tx.insert(t.activity).values(history).run()

		const completed = seedCompletedTaskForce(tx, random, {
			today,
			now,
			coChairId: idOf(coChair),
			memberIds: members.slice(10, 34).map(idOf),
			// Its own stream, so the edition leaves every other seeded id as it was.
			editionRandom: createRandom(SEED + 14),
		})

		// A few open review threads, so the Comments panel shows what it is for.
		const replies: Parameters<typeof demoNotifications>[0]['replies'][number][] = []
		const commentThreads = SEEDED_THREADS.map((thread, position) => {
			const index = SECTIONS.findIndex((section) => section.title === thread.section)
			const startedBy = members[thread.by] ?? coChair
			const createdAt = now - thread.hoursAgo * 3_600_000
			const threadId = threadIds[position] as string
			tx.insert(t.commentThreads)
				.values({
					id: threadId,
					sectionId: sectionIds[index] as string,
					quote: seededQuote(SECTIONS[index] as (typeof SECTIONS)[number]),
					createdBy: idOf(startedBy),
					createdAt,
				})
				.run()
			tx.insert(t.comments)
				.values(
					thread.comments.map((body, position) => ({
						id: random.id(),
						threadId,
						authorId: idOf(position === 0 ? startedBy : coChair),
						body,
						createdAt: createdAt + position * 1_800_000,
					})),
				)
				.run()
			if (thread.comments.length > 1)
				replies.push({
					userId: idOf(startedBy),
					replierName: coChair.name,
					sectionId: sectionIds[index] as string,
					sectionTitle: thread.section,
					at: createdAt + 1_800_000,
				})
			return threadId
		})

		tx.insert(t.notifications)
			.values(
				demoNotifications({
					// Its own stream, so every other seeded id stays as it was.
					random: createRandom(SEED + 15),
					taskForceId,
					slug: 'genai',
					now,
					memberIds: members.map(idOf),
					coChairId: idOf(coChair),
					writingBeganAt: history.find((event) => event.verb === 'phase.advanced')?.at ?? now,
					assignments: assignmentRows,
					replies,
				}),
			)
			.run()

		return {
			organizations: ORGANIZATIONS.length,
			people: people.length,
			genaiMembers: members.length,
			subcommittees: SUBCOMMITTEES.length,
			sections: SECTIONS.length,
			milestones: milestoneRows.length,
			assignments: assignmentRows.length,
			completedTaskForce: completed,
			commentThreads: commentThreads.length,
		}
	})
}

/**
 * Empties every table of ours (not the migrations journal) inside the caller's transaction, so a
 * re-seed either fully replaces the data or, if anything fails, leaves it untouched. Foreign keys
 * are checked at commit, when the new rows are all there.
 */
/** Open threads seeded on sections other people own: `by` is an index into the task force's members. */
/** A seeded thread is on the first clause of its section's first paragraph. */
function seededQuote(section: (typeof SECTIONS)[number]): string {
	const paragraph = section.body.find((block) => 'paragraph' in block)
	const quote = paragraph && 'paragraph' in paragraph ? paragraph.paragraph.split(/[.,;:]/)[0]?.trim() : ''
	if (!quote) throw new Error(`The section “${section.title}” has no paragraph to comment on`)
	return quote
}

/** Pending suggestions by a member of the owning subcommittee, for the owners to accept or reject. */
const SEEDED_SUGGESTIONS = [
	{
		section: 'Procurement and vendor management',
		hoursAgo: 20,
		change: { after: 'Describe the problem first', text: ', in plain language' },
	},
	{ section: 'Procurement and vendor management', hoursAgo: 19, change: { remove: 'Data ownership, ' } },
] as const

const SEEDED_THREADS = [
	{
		section: 'Use cases in local government',
		by: 40,
		hoursAgo: 30,
		comments: [
			'Could we add a county example here? Most of these are cities.',
			'Good point. The Privacy subcommittee has one from a county clerk; I will ask them.',
		],
	},
	{
		section: 'Model policy template',
		by: 55,
		hoursAgo: 6,
		comments: ['Does this clause cover vendors who host the model for us, or only our own staff?'],
	},
] as const

function clearAllData(tx: Tx) {
	tx.run(sql`pragma defer_foreign_keys = on`)
	const tables = tx.all<{ name: string }>(
		sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
	)
	for (const { name } of tables) tx.run(sql.raw(`delete from "${name.replaceAll('"', '""')}"`))
}

function insertPhases(tx: Tx, random: Random, taskForceId: string, calendar: DemoCalendar, now: number) {
	const ids = new Map<PhaseKind, string>()
	const instantOf = (date: string) => now + daysBetween(calendar.today, date) * 86_400_000
	calendar.phases.forEach(({ kind, startsOn, endsOn, status }, position) => {
		const id = random.id()
		ids.set(kind, id)
		tx.insert(t.phases)
			.values({
				id,
				taskForceId,
				kind,
				position,
				startsOn,
				endsOn,
				status,
				enteredAt: status === 'upcoming' ? null : instantOf(startsOn),
				completedAt: status === 'complete' ? instantOf(endsOn) + 86_400_000 : null,
			})
			.run()
	})
	return ids
}
