import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { phases, type taskForces } from '#db/schema/index.ts'
import { daysBetween, todayIn } from '#shared/dates.ts'
import { listRoster } from './members.server.ts'
import { listSubcommittees } from './subcommittees.server.ts'

type TaskForce = typeof taskForces.$inferSelect

/** A task force's phases in order. */
export function listPhases(db: Db, taskForceId: string) {
	return db
		.select({ kind: phases.kind, startsOn: phases.startsOn, endsOn: phases.endsOn, status: phases.status })
		.from(phases)
		.where(eq(phases.taskForceId, taskForceId))
		.orderBy(asc(phases.position))
		.all()
}

/**
 * Everything the dashboard shows. `today` is the task force's own calendar date, so "days left"
 * means the same thing to everyone in it.
 */
export function getDashboard(db: Db, taskForce: TaskForce, now: Date) {
	const today = todayIn(taskForce.timeZone, now)
	const phaseRows = listPhases(db, taskForce.id)
	const current = phaseRows.find((phase) => phase.status === 'active') ?? null
	return {
		today,
		phases: phaseRows,
		currentPhase: current ? { ...current, daysLeft: daysBetween(today, current.endsOn) } : null,
		daysToPublication: daysBetween(today, taskForce.publicationDate),
		subcommittees: listSubcommittees(db, taskForce.id),
		roster: listRoster(db, taskForce.id),
	}
}
