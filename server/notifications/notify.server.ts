import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { notificationSettings, notifications, taskForces, users } from '#db/schema/index.ts'
import { DEFAULT_DELIVERY, type EmailDelivery, type NotificationKind } from '#shared/notifications.ts'
import { enqueueMail } from './outbox.server.ts'

export type NotificationInput = {
	/** Who is told; the actor never is, nor a disabled account. */
	userIds: readonly string[]
	actorId: string | null
	taskForceId: string | null
	kind: NotificationKind
	title: string
	body?: string
	/** Our own path of the thing it is about. */
	path: string
	/** Makes it happen once per person (reminders). */
	dedupeKey?: string
	now: number
}

/** Each person's email delivery for a kind: their choice, else the default. */
function deliveries(db: Queryable, userIds: readonly string[], kind: NotificationKind) {
	const chosen = new Map(
		db
			.select({ userId: notificationSettings.userId, delivery: notificationSettings.delivery })
			.from(notificationSettings)
			.where(and(inArray(notificationSettings.userId, [...userIds]), eq(notificationSettings.kind, kind)))
			.all()
			.map((row) => [row.userId, row.delivery]),
	)
	return (userId: string): EmailDelivery => chosen.get(userId) ?? DEFAULT_DELIVERY[kind]
}

/**
 * Tells people about something, in the caller's transaction: an inbox item each, and for those who
 * want this kind by email at once, an email in the outbox — so a notification and its email exist
 * exactly when the change that caused them does. Returns how many were told.
 */
export function notify(db: Queryable, input: NotificationInput): number {
	const recipients = [...new Set(input.userIds)].filter((id) => id !== input.actorId)
	if (recipients.length === 0) return 0
	const people = db
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(and(inArray(users.id, recipients), isNull(users.disabledAt)))
		.all()
	const taskForceName = input.taskForceId
		? (db.select({ name: taskForces.name }).from(taskForces).where(eq(taskForces.id, input.taskForceId)).get()
				?.name ?? null)
		: null
	const deliveryOf = deliveries(
		db,
		people.map((person) => person.id),
		input.kind,
	)
	let told = 0
	for (const person of people) {
		const delivery = deliveryOf(person.id)
		const inserted = db
			.insert(notifications)
			.values({
				id: createId(),
				userId: person.id,
				taskForceId: input.taskForceId,
				kind: input.kind,
				title: input.title,
				body: input.body ?? '',
				path: input.path,
				delivery,
				dedupeKey: input.dedupeKey ?? null,
				createdAt: input.now,
			})
			.onConflictDoNothing()
			.run()
		if (inserted.changes === 0) continue
		told++
		if (delivery !== 'immediate') continue
		enqueueMail(db, {
			to: person.email,
			userId: person.id,
			subject: taskForceName ? `${input.title} · ${taskForceName}` : input.title,
			body: `${input.title}\n\n${input.body ?? ''}\n\n${input.path}`.trim(),
			payload: {
				template: 'notification',
				kind: input.kind,
				title: input.title,
				body: input.body ?? '',
				path: input.path,
				taskForceName,
			},
			now: input.now,
		})
	}
	return told
}
