import { desc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { activity, users } from '#db/schema/index.ts'

/** A task force's activity, newest first; the actor is null when their account is gone. */
export function listActivity(db: Db, taskForceId: string, limit = 100) {
	return db
		.select({
			id: activity.id,
			actor: users.name,
			verb: activity.verb,
			data: activity.data,
			at: activity.at,
		})
		.from(activity)
		.leftJoin(users, eq(users.id, activity.actorId))
		.where(eq(activity.taskForceId, taskForceId))
		.orderBy(desc(activity.at))
		.limit(limit)
		.all()
}
