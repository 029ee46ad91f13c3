import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { taskForces } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManagePublicPage } from '../policies/publication.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/**
 * Opens or closes the public page of the task force's editions (`/p/<slug>`), a co-chair's choice;
 * closed unless opened. Records `task_force.public_page_changed`.
 */
export function setPublicPage(
	db: Db,
	actor: Person,
	taskForceId: string,
	open: boolean,
	now: number,
): { changed: boolean } {
	return db.transaction(() => {
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		if (!membership) throw notFound()
		authorize(canManagePublicPage(membership, state), 'Only co-chairs open or close the public page.')
		const current = db
			.select({ open: taskForces.publicPage })
			.from(taskForces)
			.where(eq(taskForces.id, taskForceId))
			.get()
		if (current?.open === open) return { changed: false }
		db.update(taskForces).set({ publicPage: open }).where(eq(taskForces.id, taskForceId)).run()
		recordActivity(
			db,
			{
				taskForceId,
				actorId: actor.id,
				verb: 'task_force.public_page_changed',
				subjectType: 'task_force',
				subjectId: taskForceId,
				data: { open },
			},
			now,
		)
		return { changed: true }
	})
}
