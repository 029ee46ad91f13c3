import { forbidden } from '../http/responses.server.ts'
import { canManageSchedule } from '../policies/task-force.server.ts'
import type { Membership, TaskForceState } from '../policies/types.ts'

/**
 * Throws 403 unless this person may change the schedule (phase dates, advancing, milestones):
 * co-chairs of an active task force. Every schedule operation calls it, so a caller that forgets
 * the route's check still cannot change anything.
 */
export function requireScheduleManager(membership: Membership | null, taskForce: TaskForceState): void {
	if (canManageSchedule(membership, taskForce)) return
	if (membership?.role === 'co_chair') {
		throw forbidden(
			`This task force is ${taskForce.status}: its schedule is part of the record and no longer changes.`,
		)
	}
	throw forbidden('Only co-chairs change phases and milestones.')
}
