import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { memberships, taskForces } from '#db/schema/index.ts'
import type { NotificationKind } from '#shared/notifications.ts'
import { notify } from './notify.server.ts'

/**
 * A notice about a task force to its members — every one (a phase that opens or falls due, an
 * edition) or those named in `userIds` (someone just added); `path` is given without the task
 * force's slug, which is filled in here (`{slug}`).
 */
export function noticeMembers(
	db: Queryable,
	input: {
		taskForceId: string
		/** Only these people (members or not yet); every member when absent. */
		userIds?: readonly string[]
		actorId: string | null
		kind: NotificationKind
		title: string
		body?: string
		path: string
		dedupeKey?: string
		now: number
	},
): number {
	const slug = db
		.select({ slug: taskForces.slug })
		.from(taskForces)
		.where(eq(taskForces.id, input.taskForceId))
		.get()
	const members =
		input.userIds ??
		db
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(eq(memberships.taskForceId, input.taskForceId))
			.all()
			.map((row) => row.userId)
	return notify(db, { ...input, userIds: members, path: input.path.replace('{slug}', slug?.slug ?? '') })
}
