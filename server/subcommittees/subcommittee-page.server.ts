import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import {
	assignments,
	documents,
	memberships,
	organizations,
	sections,
	subcommitteeMembers,
	subcommittees,
	users,
} from '#db/schema/index.ts'
import { SECTORS, type Sector } from '#shared/domain.ts'
import { isAssignmentOverdue } from '#shared/schedule.ts'
import type { SectorCount } from './lists.server.ts'

/** The facts about one subcommittee that its operations need. */
export type Subcommittee = {
	id: string
	taskForceId: string
	name: string
	charge: string
	leadUserId: string | null
}

/** The subcommittee with this id if it belongs to the task force, else null. */
export function getSubcommittee(
	db: Queryable,
	taskForceId: string,
	subcommitteeId: string,
): Subcommittee | null {
	return (
		db
			.select({
				id: subcommittees.id,
				taskForceId: subcommittees.taskForceId,
				name: subcommittees.name,
				charge: subcommittees.charge,
				leadUserId: subcommittees.leadUserId,
			})
			.from(subcommittees)
			.where(and(eq(subcommittees.id, subcommitteeId), eq(subcommittees.taskForceId, taskForceId)))
			.get() ?? null
	)
}

/**
 * The subcommittee, or a 404 for the route to throw. Another task force's subcommittee is "not
 * found" too, so its existence stays private.
 */
export function requireSubcommittee(db: Db, taskForceId: string, subcommitteeId: string): Subcommittee {
	const subcommittee = getSubcommittee(db, taskForceId, subcommitteeId)
	if (!subcommittee) throw new Response('Not Found', { status: 404, statusText: 'Not Found' })
	return subcommittee
}

/** One person at the subcommittee's table. `role` is null if they have since left the task force. */
export type SubcommitteeMember = {
	id: string
	name: string
	title: string | null
	organization: string | null
	sector: Sector | null
	role: 'co_chair' | 'member' | 'observer' | null
	isLead: boolean
}

/** The subcommittee's members, its lead first, then by name. */
function listSubcommitteeMembers(db: Queryable, subcommittee: Subcommittee): SubcommitteeMember[] {
	const rows = db
		.select({
			id: users.id,
			name: users.name,
			title: users.title,
			organization: organizations.name,
			sector: organizations.sector,
			role: memberships.role,
		})
		.from(subcommitteeMembers)
		.innerJoin(users, eq(users.id, subcommitteeMembers.userId))
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.leftJoin(
			memberships,
			and(eq(memberships.userId, users.id), eq(memberships.taskForceId, subcommittee.taskForceId)),
		)
		.where(eq(subcommitteeMembers.subcommitteeId, subcommittee.id))
		.orderBy(asc(users.name))
		.all()
	return rows
		.map((row) => ({ ...row, isLead: row.id === subcommittee.leadUserId }))
		.sort((a, b) => Number(b.isLead) - Number(a.isLead))
}

/** Members counted by sector, in the order of SECTORS (people without an organization last), as the list page does. */
function countSectors(members: Array<{ sector: Sector | null }>): SectorCount[] {
	const order = [...SECTORS, null] as const
	return order
		.map((sector) => ({ sector, count: members.filter((member) => member.sector === sector).length }))
		.filter((entry) => entry.count > 0)
}

/** Open (not done) assignments of a subcommittee, soonest due first, undated last. */
function listOpenAssignments(db: Queryable, subcommitteeId: string, today: string) {
	return db
		.select({
			id: assignments.id,
			title: assignments.title,
			assignee: users.name,
			dueOn: assignments.dueOn,
			status: assignments.status,
		})
		.from(assignments)
		.leftJoin(users, eq(users.id, assignments.assigneeId))
		.where(and(eq(assignments.subcommitteeId, subcommitteeId), ne(assignments.status, 'done')))
		.orderBy(sql`${assignments.dueOn} is null`, asc(assignments.dueOn), asc(assignments.title))
		.all()
		.map((row) => ({ ...row, overdue: isAssignmentOverdue(row, today) }))
}

/** How many of a subcommittee's assignments are done (they go with it if it is deleted). */
function countDoneAssignments(db: Queryable, subcommitteeId: string): number {
	return (
		db
			.select({ n: count() })
			.from(assignments)
			.where(and(eq(assignments.subcommitteeId, subcommitteeId), eq(assignments.status, 'done')))
			.get()?.n ?? 0
	)
}

/** The sections a subcommittee owns, in reading order, with the document each belongs to. */
function listOwnedSections(db: Queryable, subcommitteeId: string) {
	return db
		.select({
			id: sections.id,
			title: sections.title,
			status: sections.status,
			dueOn: sections.dueOn,
			documentId: documents.id,
			documentTitle: documents.title,
		})
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(sections.subcommitteeId, subcommitteeId))
		.orderBy(asc(documents.title), asc(sections.position))
		.all()
}

/**
 * Everything a subcommittee's page shows: members and their sector mix, the sections it owns, its
 * open work (overdue judged on `today`, the task force's calendar date) and how many assignments
 * are done.
 */
export function getSubcommitteePage(db: Db, subcommittee: Subcommittee, today: string) {
	const members = listSubcommitteeMembers(db, subcommittee)
	// A lead is always a member when set through these pages; older data may disagree, so fall back.
	const leadName =
		members.find((member) => member.isLead)?.name ??
		(subcommittee.leadUserId
			? (db.select({ name: users.name }).from(users).where(eq(users.id, subcommittee.leadUserId)).get()
					?.name ?? null)
			: null)
	return {
		subcommittee: {
			id: subcommittee.id,
			name: subcommittee.name,
			charge: subcommittee.charge,
			leadUserId: subcommittee.leadUserId,
			leadName,
		},
		members,
		sectors: countSectors(members),
		sections: listOwnedSections(db, subcommittee.id),
		openAssignments: listOpenAssignments(db, subcommittee.id, today),
		doneAssignmentCount: countDoneAssignments(db, subcommittee.id),
	}
}

export type SubcommitteePage = ReturnType<typeof getSubcommitteePage>
