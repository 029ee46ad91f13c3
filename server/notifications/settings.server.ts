import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { notificationSettings, users } from '#db/schema/index.ts'
import {
	DEFAULT_DELIVERY,
	type EmailDelivery,
	NOTIFICATION_KINDS,
	type NotificationKind,
} from '#shared/notifications.ts'

export type NotificationSettings = {
	deliveries: Record<NotificationKind, EmailDelivery>
	digestHour: number
	timeZone: string
}

/** A person's email delivery per kind (their choice, else the default), digest hour and time zone. */
export function getNotificationSettings(db: Db, userId: string): NotificationSettings | null {
	const user = db
		.select({ digestHour: users.digestHour, timeZone: users.timeZone })
		.from(users)
		.where(eq(users.id, userId))
		.get()
	if (!user) return null
	const chosen = new Map(
		db
			.select({ kind: notificationSettings.kind, delivery: notificationSettings.delivery })
			.from(notificationSettings)
			.where(eq(notificationSettings.userId, userId))
			.all()
			.map((row) => [row.kind, row.delivery]),
	)
	const deliveries = Object.fromEntries(
		NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_DELIVERY[kind]]),
	) as Record<NotificationKind, EmailDelivery>
	return { deliveries, digestHour: user.digestHour, timeZone: user.timeZone }
}

/**
 * Saves a person's choices at once: a row per kind (so a later change of the defaults does not
 * change what they chose), and their digest hour and time zone. The input is already validated
 * (`shared/validation/notifications.ts`).
 */
export function saveNotificationSettings(
	db: Db,
	userId: string,
	input: Record<NotificationKind, EmailDelivery> & { digestHour: number; timeZone: string },
) {
	db.transaction((tx) => {
		for (const kind of NOTIFICATION_KINDS) {
			tx.insert(notificationSettings)
				.values({ userId, kind, delivery: input[kind] })
				.onConflictDoUpdate({
					target: [notificationSettings.userId, notificationSettings.kind],
					set: { delivery: sql`excluded.delivery` },
				})
				.run()
		}
		tx.update(users)
			.set({ digestHour: input.digestHour, timeZone: input.timeZone })
			.where(eq(users.id, userId))
			.run()
	})
}
