import { and, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { activity, users } from '#db/schema/index.ts'

const subjects = alias(users, 'subjects')

const latestActivity = preparedQuery((db) =>
	db
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
		.where(eq(activity.taskForceId, sql.placeholder('taskForceId')))
		.orderBy(desc(activity.at))
		.limit(sql.placeholder('limit'))
		.prepare(),
)

/**
 * A task force's activity, newest first; the actor is null when their account is gone. When the
 * entry is about a person, their current name comes along as `subject`.
 */
export function listActivity(db: Db, taskForceId: string, limit = 100) {
	return latestActivity(db).all({ taskForceId, limit })
}
