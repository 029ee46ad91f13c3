import type { Db } from '#db/client.server.ts'
import { forbidden } from '../http/responses.server.ts'
import { canManageSchedule } from '../policies/task-force.server.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/**
 * Throws 403 unless this person may change the schedule (phase dates, advancing, milestones):
 * co-chairs of an active task force, as the database says at this moment. Every schedule operation
 * calls it inside its transaction, so a caller that forgets the route's check still cannot change
 * anything.
 */
export function requireScheduleManager(db: Db, taskForceId: string, userId: string): void {
	const { membership, state } = standingIn(db, taskForceId, userId)
	if (canManageSchedule(membership, state)) return
	if (membership?.role === 'co_chair') {
		throw forbidden(
			`This task force is ${state.status}: its schedule is part of the record and no longer changes.`,
		)
	}
	throw forbidden('Only co-chairs change phases and milestones.')
}
