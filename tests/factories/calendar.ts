import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { assignments, milestones, phases, subcommittees } from '#db/schema/index.ts'
import type { PhaseKind } from '#shared/domain.ts'

/** A phase of a task force; dates default to a week in January 2027. */
export function createPhase(
	db: Db,
	taskForceId: string,
	overrides: Partial<typeof phases.$inferInsert> = {},
) {
	const kind: PhaseKind = overrides.kind ?? 'research'
	const phase = {
		id: createId(),
		taskForceId,
		kind,
		position: ['research', 'writing', 'editing', 'publishing'].indexOf(kind),
		startsOn: '2027-01-04',
		endsOn: '2027-01-10',
		...overrides,
	}
	db.insert(phases).values(phase).run()
	return phase
}

export function createMilestone(
	db: Db,
	taskForceId: string,
	phaseId: string,
	overrides: Partial<typeof milestones.$inferInsert> = {},
) {
	const milestone = {
		id: createId(),
		taskForceId,
		phaseId,
		title: 'Milestone',
		dueOn: '2027-01-08',
		...overrides,
	}
	db.insert(milestones).values(milestone).run()
	return milestone
}

export function createSubcommittee(
	db: Db,
	taskForceId: string,
	name = `Subcommittee ${createId().slice(0, 4)}`,
) {
	const subcommittee = { id: createId(), taskForceId, name }
	db.insert(subcommittees).values(subcommittee).run()
	return subcommittee
}

export function createAssignment(
	db: Db,
	taskForceId: string,
	subcommitteeId: string,
	overrides: Partial<typeof assignments.$inferInsert> = {},
) {
	const assignment = {
		id: createId(),
		taskForceId,
		subcommitteeId,
		phaseKind: 'writing' as const,
		title: 'Assignment',
		dueOn: '2027-01-09',
		createdAt: Date.now(),
		updatedAt: Date.now(),
		...overrides,
	}
	db.insert(assignments).values(assignment).run()
	return assignment
}
