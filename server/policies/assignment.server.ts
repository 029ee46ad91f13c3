import { canManageSubcommittee } from './task-force.server.ts'
import type { AssignmentFacts, Membership, Person, TaskForceState } from './types.ts'

/**
 * What a person may change on an assignment: everything (co-chairs; the lead of its
 * subcommittee), only its status (its assignee), or nothing.
 */
export function assignmentAccess(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	assignment: AssignmentFacts,
): 'edit' | 'status' | 'none' {
	if (canManageSubcommittee(membership, taskForce, assignment.subcommitteeId)) return 'edit'
	if (
		taskForce.status === 'active' &&
		membership &&
		membership.role !== 'observer' &&
		assignment.assigneeId === person.id
	) {
		return 'status'
	}
	return 'none'
}

/** Creating an assignment in a subcommittee: co-chairs, and that subcommittee's lead. */
export function canCreateAssignment(
	membership: Membership | null,
	taskForce: TaskForceState,
	subcommitteeId: string,
): boolean {
	return canManageSubcommittee(membership, taskForce, subcommitteeId)
}
