import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { memberships, taskForces } from '#db/schema/index.ts'
import type { Role } from '#shared/domain.ts'

export type TaskForceSummary = {
	slug: string
	name: string
	status: 'active' | 'published' | 'archived'
	role: Role
}

/** The task forces a person belongs to, for the switcher and home page: active ones first. */
export function listTaskForcesOf(db: Db, userId: string): TaskForceSummary[] {
	return db
		.select({
			slug: taskForces.slug,
			name: taskForces.name,
			status: taskForces.status,
			role: memberships.role,
		})
		.from(memberships)
		.innerJoin(taskForces, eq(taskForces.id, memberships.taskForceId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(taskForces.status), asc(taskForces.name))
		.all()
}

const taskForceBySlug = preparedQuery((db) =>
	db
		.select()
		.from(taskForces)
		.where(eq(taskForces.slug, sql.placeholder('slug')))
		.prepare(),
)

/** The task force with this slug, or null. */
export function getTaskForce(db: Db, slug: string) {
	return taskForceBySlug(db).get({ slug }) ?? null
}
