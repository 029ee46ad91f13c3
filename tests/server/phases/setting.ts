import { standingIn } from '#server/task-forces/membership.server.ts'
import type { PhaseKind } from '#shared/domain.ts'
import { createPhases } from '../../factories/schedule.ts'
import { addMember, createTaskForce, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

/** A fixed "now": Saturday, Nov 28, 2026, midday in Chicago — four weeks into writing. */
export const NOW = Date.parse('2026-11-28T18:00:00Z')
export const TODAY = '2026-11-28'

/**
 * A task force with a co-chair, a member and an observer, its phases from `PHASE_BOUNDS` with
 * `active` current, and a way to ask each person's standing as requests see it.
 */
export function scheduleSetting(
	options: { active?: PhaseKind | null; status?: 'active' | 'published' } = {},
) {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db, { status: options.status ?? 'active' })
	const chair = createUser(db, { name: 'Dana Whitfield' })
	const member = createUser(db, { name: 'Sam Ortiz' })
	const observer = createUser(db, { name: 'Lee Park' })
	addMember(db, taskForce.id, chair.id, 'co_chair')
	addMember(db, taskForce.id, member.id, 'member')
	addMember(db, taskForce.id, observer.id, 'observer')
	const phases = createPhases(db, taskForce.id, { active: options.active })
	/** Someone acting on the task force: operations read their standing themselves. */
	const actor = (user: { id: string }) => ({ id: user.id, isAdmin: false, taskForceId: taskForce.id })
	/** Someone's standing right now: re-read, so it sees the phase an earlier step advanced. */
	const standing = (user: { id: string }) => standingIn(db, taskForce.id, user.id)
	return { db, taskForce, chair, member, observer, phases, actor, standing }
}

/** Runs `fn` and returns the Response it throws (a 403 or 404), failing if it throws nothing. */
export function thrownResponse(fn: () => unknown): Response {
	try {
		fn()
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
	throw new Error('expected a thrown Response')
}
