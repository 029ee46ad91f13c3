import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { notificationSettings, users } from '#db/schema/index.ts'
import {
	DEFAULT_DELIVERY,
	NOTIFICATION_KIND_LABELS,
	NOTIFICATION_KINDS,
	type NotificationKind,
} from '#shared/notifications.ts'

/** What an unsubscribe link turns off: one kind of notification email, or the daily digest. */
type UnsubscribeKind = NotificationKind | 'digest'

export type UnsubscribeTarget = { userId: string; kind: UnsubscribeKind; label: string }

const TOKEN = /^[a-z2-7]{32}$/

function isUnsubscribeKind(value: string): value is UnsubscribeKind {
	return value === 'digest' || (NOTIFICATION_KINDS as readonly string[]).includes(value)
}

/** How the kind is named on the pages: the account page's label, or "the daily digest". */
function unsubscribeLabel(kind: UnsubscribeKind): string {
	return kind === 'digest' ? 'the daily digest' : NOTIFICATION_KIND_LABELS[kind]
}

/**
 * The person and kind of an unsubscribe link (`/unsubscribe/<mailToken>/<kind>`), or null when the
 * token or the kind is unknown — the caller answers both with the same 404, revealing nothing.
 */
export function findUnsubscribe(db: Queryable, token: string, kind: string): UnsubscribeTarget | null {
	if (!TOKEN.test(token) || !isUnsubscribeKind(kind)) return null
	const user = db.select({ id: users.id }).from(users).where(eq(users.mailToken, token)).get()
	if (!user) return null
	return { userId: user.id, kind, label: unsubscribeLabel(kind) }
}

function setDelivery(db: Queryable, userId: string, kind: NotificationKind) {
	db.insert(notificationSettings)
		.values({ userId, kind, delivery: 'off' })
		.onConflictDoUpdate({
			target: [notificationSettings.userId, notificationSettings.kind],
			set: { delivery: 'off' },
		})
		.run()
}

/**
 * Turns the link's emails off without signing in: that kind's delivery becomes "In Convene only";
 * for the digest, every kind that now goes to the digest does. The inbox keeps getting them all.
 * Returns what was turned off, or null for a link that is not valid. Doing it twice is harmless.
 */
export function unsubscribe(db: Queryable, token: string, kind: string): UnsubscribeTarget | null {
	const target = findUnsubscribe(db, token, kind)
	if (!target) return null
	if (target.kind !== 'digest') {
		setDelivery(db, target.userId, target.kind)
		return target
	}
	const chosen = new Map(
		db
			.select({ kind: notificationSettings.kind, delivery: notificationSettings.delivery })
			.from(notificationSettings)
			.where(eq(notificationSettings.userId, target.userId))
			.all()
			.map((row) => [row.kind, row.delivery]),
	)
	for (const each of NOTIFICATION_KINDS) {
		if ((chosen.get(each) ?? DEFAULT_DELIVERY[each]) === 'digest') setDelivery(db, target.userId, each)
	}
	return target
}
