import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { calendarFeeds, users } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { generateSessionToken, hashToken } from '../auth/session.server.ts'

/**
 * Personal calendar subscriptions. The link holds a random token (same strength as a session
 * token); the database keeps only its SHA-256, so a leaked database gives nobody a working link.
 * Anyone who has the link can read the calendar — it is a bearer secret, which is why it is shown
 * once, can be revoked, and is redacted from request logs.
 */

/** A subscription path's last segment: the 32-character base32 token and `.ics`. */
const FEED_FILE = /^([a-z2-7]{32})\.ics$/

/** The token inside `/calendar/<token>.ics`, or null when the segment cannot be one. */
export function tokenFromFeedFile(file: string): string | null {
	return FEED_FILE.exec(file)?.[1] ?? null
}

/** The subscription URL for a token. */
export function calendarFeedUrl(origin: string, token: string): string {
	return `${origin}/calendar/${token}.ics`
}

/** Whether a person has a working subscription link, and since when. */
export function getCalendarFeedStatus(db: Db, userId: string): { createdAt: number } | null {
	return (
		db
			.select({ createdAt: calendarFeeds.createdAt })
			.from(calendarFeeds)
			.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
			.orderBy(desc(calendarFeeds.createdAt))
			.get() ?? null
	)
}

/**
 * Creates a new subscription link and returns its token (the only time it exists in the clear).
 * Any earlier link of the person stops working in the same transaction: one live link per person.
 */
export function createCalendarFeed(db: Db, userId: string, now: number): string {
	const token = generateSessionToken()
	db.transaction((tx) => {
		const revoked = tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
			.run()
		tx.insert(calendarFeeds)
			.values({ id: hashToken(token), userId, createdAt: now })
			.run()
		recordActivity(
			tx,
			{
				taskForceId: null,
				actorId: userId,
				verb: 'calendar_feed.created',
				subjectType: 'user',
				subjectId: userId,
				data: { replaced: revoked.changes > 0 },
			},
			now,
		)
	})
	return token
}

/** Stops the person's subscription link from working. False when there was none. */
export function revokeCalendarFeed(db: Db, userId: string, now: number): boolean {
	return db.transaction((tx) => {
		const revoked = tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
			.run()
		if (revoked.changes === 0) return false
		recordActivity(
			tx,
			{
				taskForceId: null,
				actorId: userId,
				verb: 'calendar_feed.revoked',
				subjectType: 'user',
				subjectId: userId,
				data: {},
			},
			now,
		)
		return true
	})
}

/**
 * The person a subscription token belongs to, or null when the token is unknown or revoked, or
 * the account is disabled.
 */
export function findCalendarFeedOwner(db: Db, token: string): { id: string; name: string } | null {
	const row = db
		.select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
		.from(calendarFeeds)
		.innerJoin(users, eq(users.id, calendarFeeds.userId))
		.where(and(eq(calendarFeeds.id, hashToken(token)), isNull(calendarFeeds.revokedAt)))
		.get()
	if (!row || row.disabledAt !== null) return null
	return { id: row.id, name: row.name }
}
