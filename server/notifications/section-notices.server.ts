import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { taskForces } from '#db/schema/index.ts'
import type { NotificationKind } from '#shared/notifications.ts'
import { notify } from './notify.server.ts'

/** A notice about a section, linking to it (reviews asked and answered, suggestions decided). */
export function noticeSection(
	db: Queryable,
	input: {
		taskForceId: string
		sectionId: string
		userIds: readonly string[]
		actorId: string
		kind: NotificationKind
		title: string
		body?: string
		now: number
	},
): void {
	const slug = db
		.select({ slug: taskForces.slug })
		.from(taskForces)
		.where(eq(taskForces.id, input.taskForceId))
		.get()
	const { sectionId, ...rest } = input
	notify(db, { ...rest, path: `/t/${slug?.slug ?? ''}/sections/${sectionId}` })
}
