import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { sessions, users } from '#db/schema/index.ts'
import {
	createSession,
	generateSessionToken,
	hashToken,
	invalidateAllSessions,
	invalidateSession,
	SESSION_LIFETIME_MS,
	validateSessionToken,
} from '#server/auth/session.server.ts'
import { createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const DAY = 86_400_000
const T0 = Date.parse('2026-11-28T12:00:00Z')

describe('sessions', () => {
	test('a token is 20 random bytes in base32 and only its SHA-256 is stored', () => {
		const { db } = createTempDatabase()
		const user = createUser(db)
		const token = generateSessionToken()
		expect(token).toMatch(/^[a-z2-7]{32}$/)
		expect(generateSessionToken()).not.toBe(token)
		createSession(db, token, user.id, T0)
		const stored = db.select().from(sessions).all()
		expect(stored).toHaveLength(1)
		expect(stored[0]?.id).toBe(hashToken(token))
		expect(stored[0]?.id).toMatch(/^[0-9a-f]{64}$/)
		expect(JSON.stringify(stored)).not.toContain(token)
	})

	test('a valid token yields its person and lasts thirty days', () => {
		const { db } = createTempDatabase()
		const user = createUser(db, { email: 'dana@example.gov' })
		const token = generateSessionToken()
		createSession(db, token, user.id, T0)
		const result = validateSessionToken(db, token, T0 + DAY)
		expect(result?.user.email).toBe('dana@example.gov')
		expect(result?.fresh).toBe(false)
		expect(validateSessionToken(db, 'not-a-token', T0)).toBeNull()
	})

	test('an expired session is refused and deleted', () => {
		const { db } = createTempDatabase()
		const user = createUser(db)
		const token = generateSessionToken()
		createSession(db, token, user.id, T0)
		expect(validateSessionToken(db, token, T0 + SESSION_LIFETIME_MS)).toBeNull()
		expect(db.select().from(sessions).all()).toHaveLength(0)
	})

	test('a session with under fifteen days left is extended to thirty from now', () => {
		const { db } = createTempDatabase()
		const user = createUser(db)
		const token = generateSessionToken()
		createSession(db, token, user.id, T0)
		const later = T0 + 16 * DAY
		const result = validateSessionToken(db, token, later)
		expect(result?.fresh).toBe(true)
		expect(result?.session.expiresAt).toBe(later + SESSION_LIFETIME_MS)
		expect(db.select().from(sessions).get()?.expiresAt).toBe(later + SESSION_LIFETIME_MS)
		// Still valid well past the original expiry.
		expect(validateSessionToken(db, token, T0 + 40 * DAY)).not.toBeNull()
	})

	test('a disabled account has no valid session', () => {
		const { db } = createTempDatabase()
		const user = createUser(db)
		const token = generateSessionToken()
		createSession(db, token, user.id, T0)
		db.update(users).set({ disabledAt: T0 }).where(eq(users.id, user.id)).run()
		expect(validateSessionToken(db, token, T0 + 1)).toBeNull()
	})

	test('invalidating one session, or all but the current one, or all', () => {
		const { db } = createTempDatabase()
		const user = createUser(db)
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()]
		const sessionA = createSession(db, a, user.id, T0)
		createSession(db, b, user.id, T0)
		createSession(db, c, user.id, T0)
		invalidateSession(db, hashToken(c))
		expect(validateSessionToken(db, c, T0)).toBeNull()
		invalidateAllSessions(db, user.id, sessionA.id)
		expect(validateSessionToken(db, a, T0)).not.toBeNull()
		expect(validateSessionToken(db, b, T0)).toBeNull()
		invalidateAllSessions(db, user.id)
		expect(validateSessionToken(db, a, T0)).toBeNull()
	})
})
