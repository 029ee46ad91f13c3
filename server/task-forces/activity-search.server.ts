import { and, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server.ts'
import { activity, memberships, users } from '#db/schema/index.ts'
import { addDays, startOfDayIn } from '#shared/dates.ts'
import type { ActivityFilters } from '#shared/validation/activity.ts'

const subjects = alias(users, 'subjects')

const ACTIVITY_PAGE_SIZE = 50

/**
 * One page of a task force's activity, newest first, filtered by who did it, what kind of thing
 * it was about (the verb's prefix: phase, milestone, assignment…) and a date range read in the
 * task force's time zone. Returns the total too, for "page 2 of 7".
 */
export function searchActivity(
	db: Db,
	taskForce: { id: string; timeZone: string },
	filters: ActivityFilters,
	pageSize = ACTIVITY_PAGE_SIZE,
) {
	const conditions: SQL[] = [eq(activity.taskForceId, taskForce.id)]
	if (filters.person) conditions.push(eq(activity.actorId, filters.person))
	if (filters.kind) conditions.push(like(activity.verb, `${filters.kind}.%`))
	if (filters.from) conditions.push(gte(activity.at, startOfDayIn(filters.from, taskForce.timeZone)))
	if (filters.to) conditions.push(lt(activity.at, startOfDayIn(addDays(filters.to, 1), taskForce.timeZone)))
	const where = and(...conditions)
	const total = db.select({ n: count() }).from(activity).where(where).get()?.n ?? 0
	const page = Math.max(1, filters.page ?? 1)
	const entries = db
		.select({
			id: activity.id,
			actor: users.name,
			verb: activity.verb,
			data: activity.data,
			subject: subjects.name,
			at: activity.at,
		})
		.from(activity)
		.leftJoin(users, eq(users.id, activity.actorId))
		.leftJoin(subjects, and(eq(activity.subjectType, 'user'), eq(subjects.id, activity.subjectId)))
		.where(where)
		.orderBy(desc(activity.at), desc(activity.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
	return { entries, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) }
}

/** The people who can be picked in the "who" filter: everyone in the task force, by name. */
export function listActivityPeople(db: Db, taskForceId: string) {
	return db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.taskForceId, taskForceId))
		.orderBy(users.name)
		.all()
}
