import { and, asc, count, eq, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { memberships, organizations, taskForces, users } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { invalidateAllSessions } from '../auth/session.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { canSetAccountDisabled } from '../policies/account.server.ts'
import { authorize } from '../policies/authorize.server.ts'

/** Every account, for the admin page. */
export function listAccounts(db: Db) {
	return db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			organization: organizations.name,
			isAdmin: users.isAdmin,
			disabledAt: users.disabledAt,
			hasPassword: users.passwordHash,
		})
		.from(users)
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.orderBy(asc(users.name))
		.all()
		.map(({ hasPassword, ...account }) => ({ ...account, hasPassword: hasPassword !== null }))
}

/** Every task force with its member count, for the admin page. */
export function listAllTaskForces(db: Db) {
	return db
		.select({
			id: taskForces.id,
			slug: taskForces.slug,
			name: taskForces.name,
			status: taskForces.status,
			publicationDate: taskForces.publicationDate,
			members: count(memberships.userId),
		})
		.from(taskForces)
		.leftJoin(memberships, eq(memberships.taskForceId, taskForces.id))
		.groupBy(taskForces.id)
		.orderBy(asc(taskForces.name))
		.all()
}

/**
 * Disables or re-enables an account. Disabling ends every session at once and stops sign-in;
 * nothing the person wrote is touched. Admins cannot disable themselves (someone must remain).
 */
export function setAccountDisabled(
	db: Db,
	actor: { id: string },
	userId: string,
	disabled: boolean,
	now: number,
	live: AccessChanges,
): { ok: true; name: string } | { ok: false; message: string } {
	if (actor.id === userId) return { ok: false, message: 'You cannot disable your own account.' }
	const outcome = db.transaction(() => {
		// Whether the actor is an admin is read here, not taken from the caller.
		const isAdmin =
			db
				.select({ isAdmin: users.isAdmin })
				.from(users)
				.where(and(eq(users.id, actor.id), isNull(users.disabledAt)))
				.get()?.isAdmin ?? false
		authorize(
			canSetAccountDisabled({ id: actor.id, isAdmin }, userId),
			'Only instance admins change accounts.',
		)
		return setDisabled(db, actor, userId, disabled, now)
	})
	// Their sessions are gone: open sockets close now. (The admin CLI has no live server to tell; the
	// periodic re-check closes them there within seconds.)
	if (outcome.ok && disabled) live.accessChanged({ userId })
	return outcome
}

function setDisabled(
	db: Db,
	actor: { id: string },
	userId: string,
	disabled: boolean,
	now: number,
): { ok: true; name: string } | { ok: false; message: string } {
	const user = db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()
	if (!user) return { ok: false, message: 'There is no such account.' }
	db.transaction((tx) => {
		tx.update(users)
			.set({ disabledAt: disabled ? now : null })
			.where(eq(users.id, userId))
			.run()
		if (disabled) invalidateAllSessions(tx, userId)
		recordActivity(
			tx,
			{
				actorId: actor.id,
				verb: disabled ? 'account.disabled' : 'account.enabled',
				subjectType: 'user',
				subjectId: userId,
			},
			now,
		)
	})
	return { ok: true, name: user.name }
}
