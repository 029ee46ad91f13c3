import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { phases, taskForces } from '#db/schema/index.ts'
import { formatDate, todayIn } from '#shared/dates.ts'
import { nextStep } from '#shared/gate.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { noticeMembers } from '../notifications/task-force-notices.server.ts'
import { getCurrentGate } from './schedule.server.ts'

/** What comes after a phase, in words: the next phase, or publication after the last. */
function nextLabel(kind: Parameters<typeof nextStep>[0]): string {
	const next = nextStep(kind)
	return next === 'published' ? 'publication' : PHASE_LABELS[next]
}

/**
 * Tells every member when the current phase's gate falls due — the phase's planned last day has
 * come (in the task force's time zone) and the phase is still current — once per phase and end
 * date, however many passes or restarts: a new end date is a new notice. The body says whether the
 * gate is met (co-chairs can move on) or how many of its items are open. Returns how many were told.
 */
export function queueGateNotices(db: Db, now: number): number {
	let told = 0
	const current = db
		.select({
			taskForceId: taskForces.id,
			timeZone: taskForces.timeZone,
			phaseId: phases.id,
			kind: phases.kind,
			endsOn: phases.endsOn,
		})
		.from(phases)
		.innerJoin(taskForces, eq(taskForces.id, phases.taskForceId))
		.where(and(eq(taskForces.status, 'active'), eq(phases.status, 'active')))
		.all()
	for (const phase of current) {
		const today = todayIn(phase.timeZone, new Date(now))
		if (today < phase.endsOn) continue
		db.transaction((tx) => {
			const gate = getCurrentGate(tx, phase.taskForceId)
			if (!gate) return
			const open = gate.unmet.length
			const name = PHASE_LABELS[phase.kind]
			told += noticeMembers(tx, {
				taskForceId: phase.taskForceId,
				actorId: null,
				kind: 'phase_changed',
				title:
					phase.endsOn === today
						? `${name} ends today: its gate is due`
						: `${name} was planned to end ${formatDate(phase.endsOn)}: its gate is due`,
				body: gate.met
					? `The gate is met: co-chairs can move the task force on to ${nextLabel(phase.kind)}.`
					: `${open} item${open === 1 ? '' : 's'} of the gate ${open === 1 ? 'is' : 'are'} still open before ${nextLabel(phase.kind)}. The timeline lists them.`,
				path: '/t/{slug}/timeline',
				dedupeKey: `gate-due:${phase.phaseId}:${phase.endsOn}`,
				now,
			})
		})
	}
	return told
}
