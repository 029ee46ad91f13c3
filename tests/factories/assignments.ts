import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import {
	assignments,
	documents,
	milestones,
	phases,
	sections,
	subcommitteeMembers,
	subcommittees,
} from '#db/schema/index.ts'
import { PHASE_KINDS } from '#shared/domain.ts'
import { addMember, createTaskForce, createUser } from './users.ts'

/** The day the assignment tests treat as today (the task force's calendar). */
export const TODAY = '2026-11-28'
/** Noon UTC of TODAY: the same calendar day in America/Chicago. */
export const NOW = Date.parse(`${TODAY}T18:00:00Z`)
/** The run the workflow setting uses: research starts here … */
export const RUN_STARTS = '2026-08-22'
/** … and the task force publishes here. */
export const PUBLICATION = '2027-04-27'

const PHASE_BOUNDS = {
	research: ['2026-08-22', '2026-10-30'],
	writing: ['2026-10-31', '2027-01-16'],
	editing: ['2027-01-17', '2027-03-13'],
	publishing: ['2027-03-14', '2027-04-27'],
} as const

/**
 * A task force in its writing phase with two subcommittees, a document with a section each, and
 * the people every permission question needs: a co-chair, the Engagement lead, an Engagement
 * writer, a Procurement member ("outsider"), an observer.
 */
export function createWorkflowSetting(db: Db) {
	const taskForce = createTaskForce(db, { publicationDate: PUBLICATION, timeZone: 'America/Chicago' })
	const phaseIds = new Map<string, string>()
	PHASE_KINDS.forEach((kind, position) => {
		const id = createId()
		phaseIds.set(kind, id)
		const [startsOn, endsOn] = PHASE_BOUNDS[kind]
		db.insert(phases)
			.values({
				id,
				taskForceId: taskForce.id,
				kind,
				position,
				startsOn,
				endsOn,
				status: kind === 'research' ? 'complete' : kind === 'writing' ? 'active' : 'upcoming',
			})
			.run()
	})
	const person = (name: string, role: 'co_chair' | 'member' | 'observer') => {
		const user = createUser(db, { name })
		addMember(db, taskForce.id, user.id, role)
		return user
	}
	const chair = person('Dana Whitfield', 'co_chair')
	const otherChair = person('Daniel Goldberg', 'co_chair')
	const lead = person('Renée Okafor', 'member')
	const writer = person('Sam Rivera', 'member')
	const outsider = person('Miguel Kim', 'member')
	const observer = person('Olive Observer', 'observer')
	const stranger = createUser(db, { name: 'Not In It' })

	const engagement = { id: createId(), name: 'Community Engagement and Transparency' }
	const procurement = { id: createId(), name: 'Procurement and Vendors' }
	db.insert(subcommittees)
		.values([
			{ ...engagement, taskForceId: taskForce.id, leadUserId: lead.id },
			{ ...procurement, taskForceId: taskForce.id },
		])
		.run()
	db.insert(subcommitteeMembers)
		.values([
			{ subcommitteeId: engagement.id, userId: writer.id },
			{ subcommitteeId: procurement.id, userId: outsider.id },
		])
		.run()

	const documentId = createId()
	db.insert(documents).values({ id: documentId, taskForceId: taskForce.id, title: 'Guidebook' }).run()
	const section = { id: createId(), title: 'Community engagement' }
	db.insert(sections)
		.values({ ...section, documentId, subcommitteeId: engagement.id, position: 0, status: 'drafting' })
		.run()

	return {
		taskForce,
		phaseIds,
		people: { chair, otherChair, lead, writer, outsider, observer, stranger },
		engagement,
		procurement,
		documentId,
		section,
	}
}

export type WorkflowSetting = ReturnType<typeof createWorkflowSetting>

/** An assignment row, `todo` in Engagement unless told; dates as given. */
export function insertAssignment(
	db: Db,
	setting: WorkflowSetting,
	overrides: Partial<typeof assignments.$inferInsert> = {},
) {
	const row = {
		id: createId(),
		taskForceId: setting.taskForce.id,
		subcommitteeId: setting.engagement.id,
		phaseKind: 'writing' as const,
		title: 'Draft the engagement section',
		dueOn: '2026-12-10',
		createdBy: setting.people.chair.id,
		createdAt: NOW - 86_400_000,
		updatedAt: NOW - 86_400_000,
		updatedBy: setting.people.chair.id,
		...overrides,
	}
	db.insert(assignments).values(row).run()
	return row
}

/** A milestone of a phase of the setting. */
export function insertMilestone(
	db: Db,
	setting: WorkflowSetting,
	overrides: Partial<typeof milestones.$inferInsert> & { dueOn: string },
) {
	const row = {
		id: createId(),
		taskForceId: setting.taskForce.id,
		phaseId: setting.phaseIds.get('writing') as string,
		title: 'First drafts due',
		...overrides,
	}
	db.insert(milestones).values(row).run()
	return row
}
