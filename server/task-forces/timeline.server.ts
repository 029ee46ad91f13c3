import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { milestones, phases, type taskForces } from '#db/schema/index.ts'
import { daysBetween, todayIn } from '#shared/dates.ts'
import { milestoneState } from '#shared/schedule.ts'

type TaskForce = typeof taskForces.$inferSelect

/**
 * The timeline: each phase in order with its milestones by due date, every milestone's state worked
 * out for the task force's own `today`.
 */
export function getTimeline(db: Db, taskForce: TaskForce, now: Date) {
	const today = todayIn(taskForce.timeZone, now)
	const phaseRows = db
		.select({
			id: phases.id,
			kind: phases.kind,
			startsOn: phases.startsOn,
			endsOn: phases.endsOn,
			status: phases.status,
		})
		.from(phases)
		.where(eq(phases.taskForceId, taskForce.id))
		.orderBy(asc(phases.position))
		.all()
	const milestoneRows = db
		.select({
			id: milestones.id,
			phaseId: milestones.phaseId,
			title: milestones.title,
			dueOn: milestones.dueOn,
			completedAt: milestones.completedAt,
			waivedReason: milestones.waivedReason,
		})
		.from(milestones)
		.where(eq(milestones.taskForceId, taskForce.id))
		.orderBy(asc(milestones.dueOn), asc(milestones.title))
		.all()
	return {
		today,
		publicationDate: taskForce.publicationDate,
		daysToPublication: daysBetween(today, taskForce.publicationDate),
		phases: phaseRows.map((phase) => ({
			...phase,
			milestones: milestoneRows
				.filter((milestone) => milestone.phaseId === phase.id)
				.map(({ phaseId: _, ...milestone }) => ({
					...milestone,
					state: milestoneState(milestone, today),
					daysUntilDue: daysBetween(today, milestone.dueOn),
				})),
		})),
	}
}
