import { and, count, desc, eq, isNull } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { notifications, taskForces } from '#db/schema/index.ts'
import type { NotificationKind } from '#shared/notifications.ts'

/** What is not about one task force is grouped under the product's own name. */
const INSTANCE_GROUP = 'Convene'

type InboxItem = {
	id: string
	kind: NotificationKind
	title: string
	body: string
	path: string
	createdAt: number
	read: boolean
}

type InboxGroup = { name: string; items: InboxItem[] }

/** How many of the person's notifications they have not read: one count over the user index. */
export function unreadCount(db: Queryable, userId: string): number {
	return (
		db
			.select({ n: count() })
			.from(notifications)
			.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
			.get()?.n ?? 0
	)
}

/**
 * The person's newest notifications (at most `limit`), grouped by task force name; the groups come
 * in the order of their newest item, and items newest first within each.
 */
export function listInbox(db: Queryable, userId: string, options: { limit?: number } = {}): InboxGroup[] {
	const rows = db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			title: notifications.title,
			body: notifications.body,
			path: notifications.path,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt,
			taskForceName: taskForces.name,
		})
		.from(notifications)
		.leftJoin(taskForces, eq(taskForces.id, notifications.taskForceId))
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(options.limit ?? 100)
		.all()
	const groups = new Map<string, InboxItem[]>()
	for (const row of rows) {
		const name = row.taskForceName ?? INSTANCE_GROUP
		const items = groups.get(name) ?? []
		items.push({
			id: row.id,
			kind: row.kind,
			title: row.title,
			body: row.body,
			path: row.path,
			createdAt: row.createdAt,
			read: row.readAt !== null,
		})
		groups.set(name, items)
	}
	return [...groups].map(([name, items]) => ({ name, items }))
}

/**
 * Marks one of the person's own notifications read. Someone else's, or an unknown id, changes
 * nothing and answers false; one already read keeps its first time and answers true.
 */
export function markRead(db: Queryable, userId: string, notificationId: string, now: number): boolean {
	const own = db
		.select({ readAt: notifications.readAt })
		.from(notifications)
		.where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
		.get()
	if (!own) return false
	if (own.readAt === null) {
		db.update(notifications)
			.set({ readAt: now })
			.where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
			.run()
	}
	return true
}

/** Marks every unread notification of the person read; returns how many were. */
export function markAllRead(db: Queryable, userId: string, now: number): number {
	return db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.run().changes
}
