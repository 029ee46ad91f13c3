import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { taskForces } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canChangeCommentSettings } from '../policies/comment.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/**
 * Lets observers comment, or stops them: co-chairs of an active task force (`canManageMembers` and
 * an active status: it is a rule about who takes part). Records `task_force.observer_comments_changed`.
 */
export function setObserversMayComment(
	db: Db,
	actor: Person,
	taskForceId: string,
	allowed: boolean,
	now: number,
): { ok: true; changed: boolean } {
	return db.transaction(() => {
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		if (!membership) throw notFound()
		authorize(
			canChangeCommentSettings(membership, state),
			'Only co-chairs of an active task force decide who may comment.',
		)
		const current = db
			.select({ allowed: taskForces.observersMayComment })
			.from(taskForces)
			.where(eq(taskForces.id, taskForceId))
			.get()
		if (current?.allowed === allowed) return { ok: true as const, changed: false }
		db.update(taskForces).set({ observersMayComment: allowed }).where(eq(taskForces.id, taskForceId)).run()
		recordActivity(
			db,
			{
				taskForceId,
				actorId: actor.id,
				verb: 'task_force.observer_comments_changed',
				subjectType: 'task_force',
				subjectId: taskForceId,
				data: { allowed },
			},
			now,
		)
		return { ok: true as const, changed: true }
	})
}
