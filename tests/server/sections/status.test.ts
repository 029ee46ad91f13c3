import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import { activity, commentThreads, sections, subcommittees } from '#db/schema/index.ts'
import { removeSection } from '#server/sections/outline.server.ts'
import type { SectionActor } from '#server/sections/records.server.ts'
import { allowedSectionMoves, changeSectionStatus } from '#server/sections/status.server.ts'
import { standingIn } from '#server/task-forces/membership.server.ts'
import type { SectionStatus } from '#shared/domain.ts'
import { SectionStatusSchema } from '#shared/validation/sections.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { createSubcommitteeRow, seat } from '../../factories/subcommittees.ts'
import { addMember, createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const T0 = Date.parse('2026-12-10T15:00:00Z')

/** A section owned by a subcommittee, at `status`, and the people who might move it. */
function setting(status: SectionStatus) {
	const { db } = createTempDatabase()
	const outline = createOutline(db, { count: 1 })
	const owner = createSubcommitteeRow(db, outline.taskForce.id, { name: 'Open Data and 311' })
	const other = createSubcommitteeRow(db, outline.taskForce.id, { name: 'Procurement and Vendors' })
	const section = nth(outline.sections, 0)
	db.update(sections).set({ status, subcommitteeId: owner.id }).where(eq(sections.id, section.id)).run()
	/** A real person of the task force with `role`, seated (and leading) where given. */
	const person = (
		role: 'member' | 'observer',
		seats: { at?: string; leads?: boolean } = {},
	): SectionActor => {
		const user = createUser(db)
		addMember(db, outline.taskForce.id, user.id, role)
		if (seats.at) seat(db, seats.at, user.id)
		if (seats.leads && seats.at)
			db.update(subcommittees).set({ leadUserId: user.id }).where(eq(subcommittees.id, seats.at)).run()
		return { id: user.id, isAdmin: false, taskForceId: outline.taskForce.id }
	}
	const people = {
		chair: outline.actor,
		lead: person('member', { at: owner.id, leads: true }),
		writer: person('member', { at: owner.id }),
		outsider: person('member', { at: other.id }),
		observer: person('observer'),
	}
	const move = (actor: SectionActor, to: SectionStatus, note?: string, from: SectionStatus = status) =>
		changeSectionStatus(db, actor, outline.document.id, section.id, { from, to, note }, T0, live)
	return { db, section, owner, people, move, document: outline.document, chair: outline.actor }
}

function current(db: Db, sectionId: string) {
	return db
		.select({ status: sections.status, note: sections.statusNote })
		.from(sections)
		.where(eq(sections.id, sectionId))
		.get()
}

const forbidden = expect.objectContaining({ status: 403 })

describe('who may move a section', () => {
	test('its writers start drafting; people of other subcommittees and observers may not', () => {
		const { db, section, people, move } = setting('not_started')
		expect(() => move(people.outsider, 'drafting')).toThrowError(forbidden)
		expect(() => move(people.observer, 'drafting')).toThrowError(forbidden)
		expect(move(people.writer, 'drafting')).toMatchObject({ ok: true })
		expect(current(db, section.id)?.status).toBe('drafting')
	})

	test('the owning lead sends a draft to review; a writer may not', () => {
		const { db, section, people, move } = setting('drafting')
		expect(() => move(people.writer, 'in_review')).toThrowError(forbidden)
		expect(move(people.lead, 'in_review')).toMatchObject({ ok: true })
		expect(current(db, section.id)?.status).toBe('in_review')
	})

	test('only co-chairs approve; the lead who sent it to review may not', () => {
		const { db, section, people, move } = setting('in_review')
		expect(() => move(people.lead, 'approved')).toThrowError(forbidden)
		expect(move(people.chair, 'approved')).toMatchObject({ ok: true })
		expect(current(db, section.id)?.status).toBe('approved')
	})

	test('co-chairs reopen an approved section', () => {
		const { db, section, people, move } = setting('approved')
		expect(() => move(people.lead, 'drafting')).toThrowError(forbidden)
		expect(move(people.chair, 'drafting')).toMatchObject({ ok: true })
		expect(current(db, section.id)?.status).toBe('drafting')
	})

	test('each person is offered exactly the moves they may make', () => {
		const offered = (status: SectionStatus, who: keyof ReturnType<typeof setting>['people']) => {
			const { db, people, owner } = setting(status)
			const actor = people[who]
			const { membership, state } = standingIn(db, actor.taskForceId, actor.id)
			return allowedSectionMoves(actor, membership, state, {
				status,
				subcommitteeId: owner.id,
			}).map((move) => move.label)
		}
		expect(offered('not_started', 'writer')).toEqual(['Start drafting'])
		expect(offered('drafting', 'writer')).toEqual([])
		expect(offered('drafting', 'lead')).toEqual(['Send to review'])
		expect(offered('in_review', 'lead')).toEqual([])
		expect(offered('in_review', 'chair')).toEqual(['Approve', 'Send back'])
		expect(offered('approved', 'chair')).toEqual(['Reopen'])
		expect(offered('in_review', 'observer')).toEqual([])
	})
})

describe('sending back from review', () => {
	test('needs a note: the form schema and the operation both refuse one without it', () => {
		const { db, section, people, move } = setting('in_review')
		const parsed = SectionStatusSchema.safeParse({
			intent: 'status',
			sectionId: section.id,
			from: 'in_review',
			to: 'drafting',
			note: '  ',
		})
		expect(parsed.success).toBe(false)
		expect(parsed.error?.issues[0]?.path).toEqual(['note'])
		expect(move(people.chair, 'drafting', '')).toMatchObject({ ok: false, status: 400, field: 'note' })
		expect(current(db, section.id)).toEqual({ status: 'in_review', note: null })
	})

	test('keeps the note on the section until its next move, and records it', () => {
		const { db, section, people, move } = setting('in_review')
		expect(move(people.chair, 'drafting', 'Cite the 2024 survey.')).toMatchObject({ ok: true })
		expect(current(db, section.id)).toEqual({ status: 'drafting', note: 'Cite the 2024 survey.' })
		expect(move(people.lead, 'in_review', undefined, 'drafting')).toMatchObject({ ok: true })
		expect(current(db, section.id)).toEqual({ status: 'in_review', note: null })
		expect(
			db
				.select({ verb: activity.verb, data: activity.data, subjectType: activity.subjectType })
				.from(activity)
				.all(),
		).toEqual([
			{
				verb: 'section.status_changed',
				subjectType: 'section',
				data: { title: 'Section 1', from: 'in_review', to: 'drafting', note: 'Cite the 2024 survey.' },
			},
			{
				verb: 'section.status_changed',
				subjectType: 'section',
				data: { title: 'Section 1', from: 'drafting', to: 'in_review' },
			},
		])
	})
})

describe('moves that do not apply', () => {
	test('a move someone else already made is refused with 409 and changes nothing', () => {
		const { db, section, people, move } = setting('in_review')
		move(people.chair, 'approved')
		expect(move(people.chair, 'drafting', 'Needs sources', 'in_review')).toMatchObject({
			ok: false,
			status: 409,
		})
		expect(current(db, section.id)?.status).toBe('approved')
	})

	test('a section cannot skip steps, even for a co-chair', () => {
		const { people, move } = setting('not_started')
		expect(move(people.chair, 'approved')).toMatchObject({ ok: false, status: 400 })
	})

	test('a removed section keeps its status until it is restored', () => {
		const { db, section, people, move, document, chair } = setting('drafting')
		removeSection(db, chair, document.id, section.id, T0, live)
		expect(move(people.lead, 'in_review')).toMatchObject({ ok: false, status: 400 })
		expect(current(db, section.id)?.status).toBe('drafting')
	})
})

describe('approving with open comments or suggestions', () => {
	test('asks for a reason, naming what is open; with one it approves and the activity keeps the reason', () => {
		const { db, section, chair, move } = setting('in_review')
		db.insert(commentThreads)
			.values({ id: 't1', sectionId: section.id, quote: 'the words', createdBy: chair.id, createdAt: T0 })
			.run()
		db.update(sections).set({ openSuggestions: 2 }).where(eq(sections.id, section.id)).run()
		expect(move(chair, 'approved')).toEqual({
			ok: false,
			status: 400,
			field: 'note',
			message: `“${section.title}” has 1 open comment thread and 2 pending suggestions. Resolve them first, or approve anyway and write why.`,
		})
		expect(current(db, section.id)?.status).toBe('in_review')
		expect(move(chair, 'approved', 'The board meets tomorrow; the wording is settled.')).toMatchObject({
			ok: true,
		})
		expect(current(db, section.id)).toEqual({ status: 'approved', note: null })
		const [entry] = db.select().from(activity).where(eq(activity.verb, 'section.status_changed')).all()
		expect(entry?.data).toMatchObject({
			to: 'approved',
			unsettled: '1 open comment thread and 2 pending suggestions',
			reason: 'The board meets tomorrow; the wording is settled.',
		})
	})

	test('a resolved thread and no suggestions stand in nobody’s way', () => {
		const { db, section, chair, move } = setting('in_review')
		db.insert(commentThreads)
			.values({
				id: 't1',
				sectionId: section.id,
				quote: 'w',
				createdBy: chair.id,
				createdAt: T0,
				status: 'resolved',
			})
			.run()
		expect(move(chair, 'approved')).toMatchObject({ ok: true })
	})
})
