import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { phases, taskForces } from '#db/schema/index.ts'
import type { PhaseKind } from '#shared/domain.ts'
import { type GateItem, type GateTarget, OVERRIDE_REASON_MIN } from '#shared/gate.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { noticeMembers } from '../notifications/task-force-notices.server.ts'
import type { Person } from '../policies/types.ts'
import { snapshotSectionVersions } from '../sections/section-versions.server.ts'
import { requireScheduleManager } from './access.server.ts'
import { getCurrentGate, listSchedulePhases } from './schedule.server.ts'

export type AdvanceOutcome =
	| { ok: true; from: PhaseKind; to: GateTarget; override: boolean }
	| { ok: false; field: 'from' | 'reason' | 'confirmPublish'; message: string }

/** How an unmet item is kept in the activity log: enough to name it after it changes or goes. */
function unmetEntry(item: GateItem) {
	return item.kind === 'milestone'
		? { kind: item.kind, id: item.id, title: item.title }
		: { kind: item.kind, id: item.id, title: item.title, status: item.status }
}

/**
 * Moves the task force out of its current phase, in one transaction: the current phase becomes
 * `complete` (with `completed_at`), the next `active` (with `entered_at`), both revisions bumped;
 * leaving publishing instead marks the task force `published`, after which everyone reads only.
 * The gate is recomputed here, from the rows as they are at this moment — not from the page the
 * co-chair looked at — so an unmet gate always needs the written reason. Records `phase.advanced`
 * with `{from, to, override, reason?, unmet}`. Section access follows: the policy reads the active
 * phase from the phases table, and open sockets are re-decided right after the commit.
 */
export function advancePhase(
	db: Db,
	input: {
		taskForceId: string
		actor: Person
		/** The phase the co-chair saw as current. */
		from: PhaseKind
		reason?: string | undefined
		confirmPublish?: boolean
		now: number
	},
	live: AccessChanges,
): AdvanceOutcome {
	const outcome = db.transaction((tx): AdvanceOutcome => {
		// Decided on the rows as they are now: another co-chair may have published a moment ago.
		requireScheduleManager(db, input.taskForceId, input.actor.id)
		const phaseRows = listSchedulePhases(tx, input.taskForceId)
		const index = phaseRows.findIndex((phase) => phase.status === 'active')
		const current = phaseRows[index]
		if (!current)
			return { ok: false, field: 'from', message: 'No phase is current, so there is nothing to advance.' }
		if (current.kind !== input.from) {
			return {
				ok: false,
				field: 'from',
				message: `The phase has already moved to ${PHASE_LABELS[current.kind]}. Look at its gate before advancing again.`,
			}
		}
		const gate = getCurrentGate(tx, input.taskForceId)
		if (!gate)
			return { ok: false, field: 'from', message: 'No phase is current, so there is nothing to advance.' }
		const reason = input.reason?.trim() || undefined
		if (!gate.met && (!reason || reason.length < OVERRIDE_REASON_MIN)) {
			return {
				ok: false,
				field: 'reason',
				message: `The gate is not met (${gate.unmet.length} open). Write at least ${OVERRIDE_REASON_MIN} characters on why the task force should move on anyway.`,
			}
		}
		const next = phaseRows[index + 1]
		if (!next && !input.confirmPublish) {
			return {
				ok: false,
				field: 'confirmPublish',
				message: 'Confirm that the text becomes read-only for everyone.',
			}
		}

		// Every section's text as it stands at this boundary, so it can be restored later.
		snapshotSectionVersions(tx, {
			taskForceId: input.taskForceId,
			label: `End of ${PHASE_LABELS[current.kind].toLowerCase()}`,
			actorId: input.actor.id,
			now: input.now,
		})
		tx.update(phases)
			.set({ status: 'complete', completedAt: input.now, revision: sql`${phases.revision} + 1` })
			.where(eq(phases.id, current.id))
			.run()
		if (next) {
			tx.update(phases)
				.set({ status: 'active', enteredAt: input.now, revision: sql`${phases.revision} + 1` })
				.where(eq(phases.id, next.id))
				.run()
		} else {
			tx.update(taskForces).set({ status: 'published' }).where(eq(taskForces.id, input.taskForceId)).run()
		}
		const to: GateTarget = next ? next.kind : 'published'
		recordActivity(
			tx,
			{
				taskForceId: input.taskForceId,
				actorId: input.actor.id,
				verb: 'phase.advanced',
				subjectType: 'phase',
				subjectId: next?.id ?? current.id,
				data: {
					from: current.kind,
					to,
					override: !gate.met,
					...(reason ? { reason } : {}),
					unmet: gate.unmet.map(unmetEntry),
				},
			},
			input.now,
		)
		// Members hear of a phase that opens; publication is announced by its edition.
		if (next)
			noticeMembers(tx, {
				taskForceId: input.taskForceId,
				actorId: input.actor.id,
				kind: 'phase_changed',
				title: `${PHASE_LABELS[next.kind]} has begun`,
				body: `${PHASE_LABELS[current.kind]} is complete. The timeline shows this phase's milestones and gate.`,
				path: '/t/{slug}/timeline',
				now: input.now,
			})
		return { ok: true, from: current.kind, to, override: !gate.met }
	})
	// Open sockets follow the new phase before any later message is handled.
	if (outcome.ok) live.accessChanged({ taskForceId: input.taskForceId })
	return outcome
}
