import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { taskForces } from '#db/schema/index.ts'

export type TaskForceSummary = { slug: string; name: string; status: 'active' | 'published' | 'archived' }

/** Task forces for the switcher, active ones first. */
export function listTaskForces(db: Db): TaskForceSummary[] {
	return db
		.select({ slug: taskForces.slug, name: taskForces.name, status: taskForces.status })
		.from(taskForces)
		.orderBy(asc(taskForces.status), asc(taskForces.name))
		.all()
}

/** The task force with this slug, or null. */
export function getTaskForce(db: Db, slug: string) {
	return db.select().from(taskForces).where(eq(taskForces.slug, slug)).get() ?? null
}

/** The task force with this slug, or a 404 response for the route to throw. */
export function requireTaskForce(db: Db, slug: string) {
	const taskForce = getTaskForce(db, slug)
	if (!taskForce) throw new Response('No task force by that name', { status: 404, statusText: 'Not Found' })
	return taskForce
}
