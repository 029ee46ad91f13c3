import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { phases, taskForces } from '#db/schema/index.ts'
import type { PhaseKind } from '#shared/domain.ts'
import type { PhaseDates } from '#shared/validation/phases.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { Person } from '../policies/types.ts'
import { requireScheduleManager } from './access.server.ts'
import { listSchedulePhases } from './schedule.server.ts'

export type PhaseDatesChange = { phases: PhaseKind[]; publicationDate: boolean }

/**
 * Saves validated phase dates and the publication date in one transaction. Only phases whose
 * dates differ are written: each gets its revision bumped (calendar programs see a new SEQUENCE)
 * and a `phase.dates_changed` entry with `{phase, from, to}`; a new publication date records
 * `task_force.publication_date_changed` with `{from, to}`. Validation (`phaseDatesSchema`) happens
 * before; this re-checks only who is asking.
 */
export function updatePhaseDates(
	db: Db,
	input: {
		taskForce: { id: string; publicationDate: string }
		actor: Person
		dates: PhaseDates
		now: number
	},
): PhaseDatesChange {
	const { taskForce, dates, now } = input
	return db.transaction((tx) => {
		requireScheduleManager(db, taskForce.id, input.actor.id)
		const changed: PhaseKind[] = []
		for (const phase of listSchedulePhases(tx, taskForce.id)) {
			const next = dates.bounds[phase.kind]
			if (next.startsOn === phase.startsOn && next.endsOn === phase.endsOn) continue
			tx.update(phases)
				.set({ startsOn: next.startsOn, endsOn: next.endsOn, revision: sql`${phases.revision} + 1` })
				.where(eq(phases.id, phase.id))
				.run()
			recordActivity(
				tx,
				{
					taskForceId: taskForce.id,
					actorId: input.actor.id,
					verb: 'phase.dates_changed',
					subjectType: 'phase',
					subjectId: phase.id,
					data: {
						phase: phase.kind,
						from: { startsOn: phase.startsOn, endsOn: phase.endsOn },
						to: { startsOn: next.startsOn, endsOn: next.endsOn },
					},
				},
				now,
			)
			changed.push(phase.kind)
		}
		const current = tx
			.select({ publicationDate: taskForces.publicationDate })
			.from(taskForces)
			.where(eq(taskForces.id, taskForce.id))
			.get()
		const publicationChanged = current !== undefined && current.publicationDate !== dates.publicationDate
		if (publicationChanged) {
			tx.update(taskForces)
				.set({ publicationDate: dates.publicationDate })
				.where(eq(taskForces.id, taskForce.id))
				.run()
			recordActivity(
				tx,
				{
					taskForceId: taskForce.id,
					actorId: input.actor.id,
					verb: 'task_force.publication_date_changed',
					subjectType: 'task_force',
					subjectId: taskForce.id,
					data: { from: current.publicationDate, to: dates.publicationDate },
				},
				now,
			)
		}
		return { phases: changed, publicationDate: publicationChanged }
	})
}
