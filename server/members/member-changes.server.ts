import { and, count, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { memberships, subcommitteeMembers, subcommittees, users } from '#db/schema/index.ts'
import type { Role } from '#shared/domain.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManageMembers } from '../policies/task-force.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/** Throws 403 unless `actor` may change roles and remove members: co-chairs. */
function requireMembersManager(db: Db, actor: Person, taskForceId: string): void {
	authorize(
		canManageMembers(standingIn(db, taskForceId, actor.id).membership),
		'Only co-chairs change roles and remove members.',
	)
}
export type MemberChange = { ok: true; name: string } | { ok: false; message: string }

function coChairCount(db: Db, taskForceId: string): number {
	return (
		db
			.select({ n: count() })
			.from(memberships)
			.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.role, 'co_chair')))
			.get()?.n ?? 0
	)
}

function memberOf(db: Db, taskForceId: string, userId: string) {
	return db
		.select({ role: memberships.role, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
		.get()
}

/**
 * Changes a member's role. A task force always keeps at least one co-chair. Becoming an observer
 * also ends subcommittee leadership, since observers change nothing.
 */
export function changeRole(
	db: Db,
	actor: Person,
	taskForceId: string,
	userId: string,
	role: Role,
	now: number,
	live: AccessChanges,
): MemberChange {
	const outcome = db.transaction(() => {
		requireMembersManager(db, actor, taskForceId)
		return setRole(db, actor, taskForceId, userId, role, now)
	})
	// Their open sockets read, write or close with the new role before any later message is handled.
	if (outcome.ok && outcome.changed) live.accessChanged({ userId })
	return outcome.ok ? { ok: true, name: outcome.name } : outcome
}

function setRole(
	db: Db,
	actor: Person,
	taskForceId: string,
	userId: string,
	role: Role,
	now: number,
): (MemberChange & { ok: false }) | { ok: true; name: string; changed: boolean } {
	const member = memberOf(db, taskForceId, userId)
	if (!member) return { ok: false, message: 'That person is not a member of this task force.' }
	if (member.role === role) return { ok: true, name: member.name, changed: false }
	if (member.role === 'co_chair' && coChairCount(db, taskForceId) === 1) {
		return { ok: false, message: `${member.name} is the only co-chair. Make someone else co-chair first.` }
	}
	db.transaction((tx) => {
		tx.update(memberships)
			.set({ role })
			.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
			.run()
		if (role === 'observer') {
			tx.update(subcommittees)
				.set({ leadUserId: null })
				.where(and(eq(subcommittees.taskForceId, taskForceId), eq(subcommittees.leadUserId, userId)))
				.run()
		}
		recordActivity(
			tx,
			{
				taskForceId,
				actorId: actor.id,
				verb: 'member.role_changed',
				subjectType: 'user',
				subjectId: userId,
				data: { from: member.role, to: role },
			},
			now,
		)
	})
	return { ok: true, name: member.name, changed: true }
}

/**
 * Removes a member: their membership, subcommittee seats and leadership in this task force go in
 * one transaction. Every page checks membership per request, and their open sockets are closed
 * right after the commit, so access ends at once.
 */
export function removeMember(
	db: Db,
	actor: Person,
	taskForceId: string,
	userId: string,
	now: number,
	live: AccessChanges,
): MemberChange {
	const outcome = db.transaction(() => {
		requireMembersManager(db, actor, taskForceId)
		return remove(db, actor, taskForceId, userId, now)
	})
	if (outcome.ok) live.accessChanged({ userId })
	return outcome
}

function remove(db: Db, actor: Person, taskForceId: string, userId: string, now: number): MemberChange {
	const member = memberOf(db, taskForceId, userId)
	if (!member) return { ok: false, message: 'That person is not a member of this task force.' }
	if (member.role === 'co_chair' && coChairCount(db, taskForceId) === 1) {
		return { ok: false, message: `${member.name} is the only co-chair and cannot be removed.` }
	}
	db.transaction((tx) => {
		const ownSubcommittees = tx
			.select({ id: subcommittees.id })
			.from(subcommittees)
			.where(eq(subcommittees.taskForceId, taskForceId))
			.all()
			.map((row) => row.id)
		if (ownSubcommittees.length > 0) {
			tx.delete(subcommitteeMembers)
				.where(
					and(
						eq(subcommitteeMembers.userId, userId),
						inArray(subcommitteeMembers.subcommitteeId, ownSubcommittees),
					),
				)
				.run()
		}
		tx.update(subcommittees)
			.set({ leadUserId: null })
			.where(and(eq(subcommittees.taskForceId, taskForceId), eq(subcommittees.leadUserId, userId)))
			.run()
		tx.delete(memberships)
			.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
			.run()
		recordActivity(
			tx,
			{
				taskForceId,
				actorId: actor.id,
				verb: 'member.removed',
				subjectType: 'user',
				subjectId: userId,
				data: { name: member.name, role: member.role },
			},
			now,
		)
	})
	return { ok: true, name: member.name }
}
