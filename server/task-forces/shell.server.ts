import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { documents } from '#db/schema/index.ts'
import type { TaskForceRequest } from './access.server.ts'
import { listTaskForcesOf } from './task-forces.server.ts'

/** What every page of a task force needs for its header: the task force, the switcher, the deliverable. */
export function getTaskForceShell(db: Db, { viewer, taskForce, membership }: TaskForceRequest) {
	const document = db
		.select({ id: documents.id, title: documents.title })
		.from(documents)
		.where(eq(documents.taskForceId, taskForce.id))
		.orderBy(asc(documents.title))
		.get()
	return {
		taskForce: { id: taskForce.id, slug: taskForce.slug, name: taskForce.name, status: taskForce.status },
		taskForces: listTaskForcesOf(db, viewer.id),
		role: membership.role,
		documentId: document?.id ?? null,
	}
}
