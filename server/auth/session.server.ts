import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { and, eq, ne, sql } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { sessions, users } from '#db/schema/index.ts'

/**
 * Sessions in Lucia's design (lucia-auth.com/sessions/basic). The browser holds a random token;
 * the database holds only its SHA-256, so a leaked database yields no usable session.
 */

const DAY_MS = 86_400_000
/** A session lasts 30 days from its last extension. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS
/** Extended (and the cookie rewritten) when a request comes with less than this left. */
const SESSION_RENEW_BEFORE_MS = 15 * DAY_MS

export type Session = typeof sessions.$inferSelect
export type SessionUser = Pick<
	typeof users.$inferSelect,
	'id' | 'email' | 'name' | 'title' | 'organizationId' | 'isAdmin'
>
export type SessionValidation = { session: Session; user: SessionUser; fresh: boolean } | null

/** 20 random bytes (160 bits), base32: the value of the `convene_session` cookie. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

/** The stored id of a token: hex SHA-256. Also used for invitation and calendar tokens. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export function createSession(db: Db, token: string, userId: string, now = Date.now()): Session {
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: now + SESSION_LIFETIME_MS,
		createdAt: now,
	}
	db.insert(sessions).values(session).run()
	return session
}

const sessionWithUser = preparedQuery((db) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				title: users.title,
				organizationId: users.organizationId,
				isAdmin: users.isAdmin,
				disabledAt: users.disabledAt,
			},
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare(),
)

/**
 * The session and person behind a token, or null when it is unknown, expired, or the account is
 * disabled. Expired sessions are deleted; sessions past half their life are extended (`fresh`
 * tells the caller to rewrite the cookie).
 */
export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
	const id = hashToken(token)
	const row = sessionWithUser(db).get({ id })
	if (!row) return null
	const { session } = row
	const { disabledAt, ...user } = row.user
	if (now >= session.expiresAt || disabledAt !== null) {
		db.delete(sessions).where(eq(sessions.id, id)).run()
		return null
	}
	let fresh = false
	if (now >= session.expiresAt - SESSION_RENEW_BEFORE_MS) {
		session.expiresAt = now + SESSION_LIFETIME_MS
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run()
		fresh = true
	}
	return { session, user, fresh }
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run()
}

/** Ends every session of a person, or every one but `exceptSessionId` (the one in use). */
export function invalidateAllSessions(db: Queryable, userId: string, exceptSessionId?: string): void {
	db.delete(sessions)
		.where(
			exceptSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
				: eq(sessions.userId, userId),
		)
		.run()
}
