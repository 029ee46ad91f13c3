import { and, asc, count, eq, ne, or, sql } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import {
	assignments,
	memberships,
	organizations,
	subcommitteeMembers,
	subcommittees,
	users,
} from '#db/schema/index.ts'
import type { Role, Sector } from '#shared/domain.ts'
import { getPersonName } from '../accounts/names.server.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManageSubcommittee } from '../policies/task-force.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import type { Subcommittee } from './subcommittee-page.server.ts'

/** Throws 403 unless `actor` may seat and unseat this subcommittee's members: co-chairs, its lead. */
function requireMembersManager(db: Db, actor: Person, subcommittee: Subcommittee): void {
	const { membership, state } = standingIn(db, subcommittee.taskForceId, actor.id)
	authorize(
		canManageSubcommittee(membership, state, subcommittee.id),
		'Only co-chairs and the subcommittee’s lead change who is in it.',
	)
}

/** The outcome of adding or removing someone: their name for the notice, or a reason. */
export type SeatChange = { ok: true; name: string } | { ok: false; message: string }

/** A person's role in the task force, or null when they are not in it. */
export function getTaskForceRole(db: Queryable, taskForceId: string, userId: string): Role | null {
	return (
		db
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
			.get()?.role ?? null
	)
}

function seated(db: Queryable, subcommitteeId: string, userId: string): boolean {
	return (
		db
			.select({ userId: subcommitteeMembers.userId })
			.from(subcommitteeMembers)
			.where(
				and(eq(subcommitteeMembers.subcommitteeId, subcommitteeId), eq(subcommitteeMembers.userId, userId)),
			)
			.get() !== undefined
	)
}

/**
 * Seats a task-force member at the subcommittee. Observers read only, so they never join one; a
 * person from outside the task force cannot be added here (invite them on the members page).
 */
export function addSubcommitteeMember(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	userId: string,
	now: number,
	live: AccessChanges,
): SeatChange {
	const outcome = db.transaction(() => {
		requireMembersManager(db, actor, subcommittee)
		return seat(db, actor, subcommittee, userId, now)
	})
	if (outcome.ok && outcome.changed) live.accessChanged({ userId })
	return outcome.ok ? { ok: true, name: outcome.name } : outcome
}

function seat(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	userId: string,
	now: number,
): (SeatChange & { ok: false }) | { ok: true; name: string; changed: boolean } {
	const role = getTaskForceRole(db, subcommittee.taskForceId, userId)
	const name = getPersonName(db, userId)
	if (!role || !name) {
		return {
			ok: false,
			message: 'That person is not a member of this task force. Invite them on the members page first.',
		}
	}
	if (role === 'observer') {
		return {
			ok: false,
			message: `${name} is an observer. Observers read only and cannot join a subcommittee.`,
		}
	}
	if (seated(db, subcommittee.id, userId)) return { ok: true, name, changed: false }
	db.transaction((tx) => {
		tx.insert(subcommitteeMembers).values({ subcommitteeId: subcommittee.id, userId }).run()
		recordActivity(
			tx,
			{
				taskForceId: subcommittee.taskForceId,
				actorId: actor.id,
				verb: 'subcommittee.member_added',
				subjectType: 'subcommittee',
				subjectId: subcommittee.id,
				data: { name, userId, subcommittee: subcommittee.name },
			},
			now,
		)
	})
	return { ok: true, name, changed: true }
}

/**
 * Takes someone off the subcommittee. If they led it, it is left without a lead (recorded too).
 * Their open assignments here stay theirs, and the count comes back so the page can say to
 * reassign them.
 */
export function removeSubcommitteeMember(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	userId: string,
	now: number,
	live: AccessChanges,
): (SeatChange & { ok: false }) | { ok: true; name: string; wasLead: boolean; openAssignments: number } {
	const outcome = db.transaction(() => {
		requireMembersManager(db, actor, subcommittee)
		return unseat(db, actor, subcommittee, userId, now)
	})
	if (outcome.ok) live.accessChanged({ userId })
	return outcome
}

function unseat(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	userId: string,
	now: number,
): (SeatChange & { ok: false }) | { ok: true; name: string; wasLead: boolean; openAssignments: number } {
	const name = getPersonName(db, userId)
	if (!name || !seated(db, subcommittee.id, userId)) {
		return { ok: false, message: 'That person is not a member of this subcommittee.' }
	}
	const wasLead = subcommittee.leadUserId === userId
	const entry = {
		taskForceId: subcommittee.taskForceId,
		actorId: actor.id,
		subjectType: 'subcommittee',
		subjectId: subcommittee.id,
	}
	db.transaction((tx) => {
		tx.delete(subcommitteeMembers)
			.where(
				and(eq(subcommitteeMembers.subcommitteeId, subcommittee.id), eq(subcommitteeMembers.userId, userId)),
			)
			.run()
		recordActivity(
			tx,
			{
				...entry,
				verb: 'subcommittee.member_removed',
				data: { name, userId, subcommittee: subcommittee.name },
			},
			now,
		)
		if (wasLead) {
			tx.update(subcommittees).set({ leadUserId: null }).where(eq(subcommittees.id, subcommittee.id)).run()
			recordActivity(
				tx,
				{
					...entry,
					verb: 'subcommittee.lead_changed',
					data: { name: subcommittee.name, from: name, to: null },
				},
				now,
			)
		}
	})
	const openAssignments =
		db
			.select({ n: count() })
			.from(assignments)
			.where(
				and(
					eq(assignments.subcommitteeId, subcommittee.id),
					eq(assignments.assigneeId, userId),
					ne(assignments.status, 'done'),
				),
			)
			.get()?.n ?? 0
	return { ok: true, name, wasLead, openAssignments }
}

/** How many matches the search shows; past this, the page asks for a narrower search. */
export const SEARCH_LIMIT = 20

/** One match of the member search. */
export type Candidate = {
	id: string
	name: string
	title: string | null
	organization: string | null
	sector: Sector | null
	role: Role
	/** Already at this subcommittee's table. */
	seated: boolean
}

// LIKE treats % and _ as wildcards; a search for "311_ops" means those characters literally.
function likePattern(query: string): string {
	return `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

/**
 * The task force's members whose name, email or organization contains `query` (case-insensitive
 * for ASCII, as SQLite's LIKE is), by name. Observers are listed so a search for one explains
 * itself, but the page offers no "Add" for them.
 */
export function searchCandidates(
	db: Db,
	subcommittee: Subcommittee,
	query: string,
): { matches: Candidate[]; total: number } {
	const pattern = likePattern(query)
	const where = and(
		eq(memberships.taskForceId, subcommittee.taskForceId),
		or(
			sql`${users.name} like ${pattern} escape '\\'`,
			sql`${users.email} like ${pattern} escape '\\'`,
			sql`${organizations.name} like ${pattern} escape '\\'`,
		),
	)
	const total =
		db
			.select({ n: count() })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.leftJoin(organizations, eq(organizations.id, users.organizationId))
			.where(where)
			.get()?.n ?? 0
	const rows = db
		.select({
			id: users.id,
			name: users.name,
			title: users.title,
			organization: organizations.name,
			sector: organizations.sector,
			role: memberships.role,
			seatedId: subcommitteeMembers.userId,
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.leftJoin(
			subcommitteeMembers,
			and(eq(subcommitteeMembers.userId, users.id), eq(subcommitteeMembers.subcommitteeId, subcommittee.id)),
		)
		.where(where)
		.orderBy(asc(users.name))
		.limit(SEARCH_LIMIT)
		.all()
	return {
		total,
		matches: rows.map(({ seatedId, ...row }) => ({ ...row, seated: seatedId !== null })),
	}
}
