import { count, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { sessions, users } from '#db/schema/index.ts'
import type { CreditChoice } from '#shared/domain.ts'
import { recordActivity } from '../activity/record.server.ts'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.server.ts'
import { invalidateAllSessions } from '../auth/session.server.ts'
import type { AccessChanges } from '../context.server.ts'

/** The account page's view of a person. */
export function getAccount(db: Db, userId: string) {
	const account = db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			title: users.title,
			organizationId: users.organizationId,
			creditAs: users.creditAs,
		})
		.from(users)
		.where(eq(users.id, userId))
		.get()
	if (!account) return null
	const otherSessions =
		(db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 1) - 1
	return { ...account, otherSessions: Math.max(otherSessions, 0) }
}

export function updateProfile(
	db: Db,
	userId: string,
	profile: { name: string; title?: string; organizationId: string },
) {
	db.update(users)
		.set({ name: profile.name, title: profile.title || null, organizationId: profile.organizationId })
		.where(eq(users.id, userId))
		.run()
}

/**
 * Changes a password after checking the current one, and signs out every other session: whoever
 * might have known the old password loses access at once. Returns a message per field on failure.
 */
export async function changePassword(
	db: Db,
	user: { id: string; email: string; sessionId: string },
	input: { currentPassword: string; newPassword: string },
	live: AccessChanges,
): Promise<{ ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string }> {
	const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()
	if (!(await verifyPassword(row?.passwordHash ?? null, input.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: 'Your current password is not correct.' }
	}
	const problem = passwordProblem(input.newPassword, user.email)
	if (problem) return { ok: false, field: 'newPassword', message: problem }
	const passwordHash = await hashPassword(input.newPassword)
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run()
		invalidateAllSessions(tx, user.id, user.sessionId)
		recordActivity(tx, {
			actorId: user.id,
			verb: 'auth.password_changed',
			subjectType: 'user',
			subjectId: user.id,
		})
	})
	// Sockets of the ended sessions close now, before anything else they send is handled.
	live.accessChanged({ userId: user.id })
	return { ok: true }
}

/** "Sign out everywhere else": ends every session but this one. */
export function signOutOtherSessions(db: Db, user: { id: string; sessionId: string }, live: AccessChanges) {
	invalidateAllSessions(db, user.id, user.sessionId)
	live.accessChanged({ userId: user.id })
	recordActivity(db, {
		actorId: user.id,
		verb: 'auth.other_sessions_ended',
		subjectType: 'user',
		subjectId: user.id,
	})
}

/**
 * How the person's own name appears in editions published from now on (editions already published
 * keep the credits they were published with). Only the person decides it.
 */
export function setCreditChoice(db: Db, userId: string, creditAs: CreditChoice): void {
	db.update(users).set({ creditAs }).where(eq(users.id, userId)).run()
}
