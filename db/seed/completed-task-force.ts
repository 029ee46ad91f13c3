import { addDays } from '#shared/dates.ts'
import { PHASE_KINDS } from '#shared/domain.ts'
import type { Tx } from '../client.server.ts'
import * as t from '../schema/index.ts'
import { DATA_GOVERNANCE_TEXT } from './data-governance-text.ts'
import { seedPublishedEdition } from './published-edition.ts'
import type { Random } from './random.ts'
import { buildSectionDocument } from './starter-text.ts'

const PHASES = {
	research: [-420, -331],
	writing: [-330, -271],
	editing: [-270, -231],
	publishing: [-230, -200],
}

const SECTION_TITLES = [
	'Why data governance',
	'Roles and responsibilities',
	'Data inventory and classification',
	'Data sharing agreements',
]

/**
 * A finished task force (published seven months ago), so the switcher and the timeline show what
 * a completed run looks like.
 */
export function seedCompletedTaskForce(
	tx: Tx,
	random: Random,
	options: { today: string; now: number; coChairId: string; memberIds: string[]; editionRandom: Random },
) {
	const { today, now } = options
	const day = 86_400_000
	const taskForceId = random.id()
	tx.insert(t.taskForces)
		.values({
			id: taskForceId,
			slug: 'data-governance',
			name: 'Data Governance for Cities',
			summary: 'Published a playbook of data governance practices for city data programs.',
			timeZone: 'America/Chicago',
			publicationDate: addDays(today, -200),
			status: 'published',
			createdAt: now - 430 * day,
		})
		.run()
	tx.insert(t.memberships)
		.values([
			{ taskForceId, userId: options.coChairId, role: 'co_chair' as const, joinedAt: now - 430 * day },
			...options.memberIds.map((userId) => ({
				taskForceId,
				userId,
				role: 'member' as const,
				joinedAt: now - 425 * day,
			})),
		])
		.run()
	const phaseIds = PHASE_KINDS.map((kind, position) => {
		const [start, end] = PHASES[kind] as [number, number]
		const id = random.id()
		tx.insert(t.phases)
			.values({
				id,
				taskForceId,
				kind,
				position,
				startsOn: addDays(today, start),
				endsOn: addDays(today, end),
				status: 'complete',
				enteredAt: now + start * day,
				completedAt: now + (end + 1) * day,
			})
			.run()
		tx.insert(t.milestones)
			.values({
				id: random.id(),
				taskForceId,
				phaseId: id,
				title: kind === 'publishing' ? 'Publication' : `End of ${kind}`,
				dueOn: addDays(today, end),
				completedAt: now + end * day,
				completedBy: options.coChairId,
			})
			.run()
		return id
	})
	const subcommitteeId = random.id()
	tx.insert(t.subcommittees)
		.values({
			id: subcommitteeId,
			taskForceId,
			name: 'Playbook Writing Group',
			charge: 'Write the data governance playbook.',
			leadUserId: options.coChairId,
		})
		.run()
	tx.insert(t.subcommitteeMembers)
		.values(options.memberIds.map((userId) => ({ subcommitteeId, userId })))
		.run()
	const documentId = random.id()
	tx.insert(t.documents)
		.values({ id: documentId, taskForceId, title: 'Data Governance Playbook for Cities' })
		.run()
	const seeded = SECTION_TITLES.map((title, position) => {
		const id = random.id()
		const body = buildSectionDocument(DATA_GOVERNANCE_TEXT[title] ?? [], random.int(1, 2 ** 30))
		tx.insert(t.sections)
			.values({
				id,
				documentId,
				subcommitteeId,
				title,
				position,
				status: 'approved',
				targetWords: 1500,
				wordCount: body.words,
				dueOn: addDays(today, -280),
				lastEditedAt: now - 235 * day,
				lastEditedBy: options.coChairId,
			})
			.run()
		tx.insert(t.docSnapshots)
			.values({ docId: id, state: Buffer.from(body.state), seq: 0, updatedAt: now - 235 * day })
			.run()
		// Three writers of the subcommittee per section, in turn.
		const authorIds = [0, 1, 2].map(
			(offset) => options.memberIds[(position * 3 + offset) % options.memberIds.length] as string,
		)
		return { id, title, state: body.state, words: body.words, authorIds }
	})
	seedPublishedEdition(tx, options.editionRandom, {
		taskForceId,
		taskForceName: 'Data Governance for Cities',
		timeZone: 'America/Chicago',
		document: { id: documentId, title: 'Data Governance Playbook for Cities' },
		subcommittee: { name: 'Playbook Writing Group', memberIds: options.memberIds },
		coChairId: options.coChairId,
		sections: seeded,
		publishedAt: now + ((PHASES.publishing[1] as number) + 1) * day,
	})
	return { slug: 'data-governance', phases: phaseIds.length, sections: SECTION_TITLES.length }
}
