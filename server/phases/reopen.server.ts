import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { phases } from '#db/schema/index.ts'
import type { PhaseKind } from '#shared/domain.ts'
import { OVERRIDE_REASON_MIN } from '#shared/gate.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { forbidden } from '../http/responses.server.ts'
import { canReopenPhase } from '../policies/task-force.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { listSchedulePhases } from './schedule.server.ts'

export type ReopenOutcome =
	| { ok: true; from: PhaseKind; to: PhaseKind }
	| { ok: false; field: 'from' | 'reason'; message: string }

/** Throws 403 unless the policy lets this person reopen the previous phase, as the database says now. */
function requirePhaseReopener(db: Db, taskForceId: string, userId: string): void {
	const { membership, state } = standingIn(db, taskForceId, userId)
	if (canReopenPhase(membership, state)) return
	if (membership?.role !== 'co_chair') throw forbidden('Only co-chairs reopen a phase.')
	throw forbidden(
		state.status !== 'active'
			? `This task force is ${state.status}: publication is final.`
			: 'There is no earlier phase to reopen.',
	)
}

/**
 * Undoes an advance: the current phase goes back to `upcoming` and the one before it is `active`
 * again (both revisions bumped), in one transaction, with the co-chair's reason recorded as
 * `phase.reopened`. The versions stored when that phase ended stay. `from` is the phase the co-chair
 * saw as current, so a colleague's advance or reopening in between is not undone by mistake. Open
 * sockets follow the reopened phase right after the commit.
 */
export function reopenPhase(
	db: Db,
	input: {
		taskForceId: string
		actor: Person
		from: PhaseKind
		reason: string
		now: number
	},
	live: AccessChanges,
): ReopenOutcome {
	requirePhaseReopener(db, input.taskForceId, input.actor.id)
	const reason = input.reason.trim()
	if (reason.length < OVERRIDE_REASON_MIN) {
		return {
			ok: false,
			field: 'reason',
			message: `Write at least ${OVERRIDE_REASON_MIN} characters on why the phase is reopened, so the record explains it.`,
		}
	}
	const outcome = db.transaction((tx): ReopenOutcome => {
		// Decided again inside the transaction: another co-chair may have published or moved on a moment ago.
		requirePhaseReopener(db, input.taskForceId, input.actor.id)
		const phaseRows = listSchedulePhases(tx, input.taskForceId)
		const index = phaseRows.findIndex((phase) => phase.status === 'active')
		const current = phaseRows[index]
		const previous = phaseRows[index - 1]
		if (!current || !previous)
			return { ok: false, field: 'from', message: 'There is no earlier phase to reopen.' }
		if (current.kind !== input.from) {
			return {
				ok: false,
				field: 'from',
				message: `The phase is ${PHASE_LABELS[current.kind]} now, not ${PHASE_LABELS[input.from]}. Look again before reopening.`,
			}
		}
		tx.update(phases)
			.set({ status: 'upcoming', enteredAt: null, revision: sql`${phases.revision} + 1` })
			.where(eq(phases.id, current.id))
			.run()
		tx.update(phases)
			.set({ status: 'active', completedAt: null, revision: sql`${phases.revision} + 1` })
			.where(eq(phases.id, previous.id))
			.run()
		recordActivity(
			tx,
			{
				taskForceId: input.taskForceId,
				actorId: input.actor.id,
				verb: 'phase.reopened',
				subjectType: 'phase',
				subjectId: previous.id,
				data: { from: current.kind, to: previous.kind, reason },
			},
			input.now,
		)
		return { ok: true, from: current.kind, to: previous.kind }
	})
	if (outcome.ok) live.accessChanged({ taskForceId: input.taskForceId })
	return outcome
}
