import { and, asc, eq, gte, inArray, lt, lte, ne, type SQL, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { assignments, subcommittees, users } from '#db/schema/index.ts'
import { addDays } from '#shared/dates.ts'
import { DUE_SOON_DAYS } from '#shared/schedule.ts'
import { type AssignmentFilters, NO_FILTERS } from '#shared/validation/assignments.ts'

/** What the filters need to know besides themselves: who "mine" is, and the task force's today. */
export type FilterContext = { viewerId: string; today: string }

/** The SQL conditions for a set of list filters; `today` is the task force's calendar date. */
export function assignmentConditions(filters: AssignmentFilters, { viewerId, today }: FilterContext): SQL[] {
	const conditions: SQL[] = []
	if (filters.mine) conditions.push(eq(assignments.assigneeId, viewerId))
	if (filters.subcommitteeId) conditions.push(eq(assignments.subcommitteeId, filters.subcommitteeId))
	if (filters.status === 'open') conditions.push(ne(assignments.status, 'done'))
	else if (filters.status) conditions.push(eq(assignments.status, filters.status))
	if (filters.phase) conditions.push(eq(assignments.phaseKind, filters.phase))
	// Overdue and due soon mean the same as isAssignmentOverdue and DUE_SOON_DAYS say elsewhere.
	if (filters.overdue) conditions.push(ne(assignments.status, 'done'), lt(assignments.dueOn, today))
	if (filters.dueSoon) {
		conditions.push(
			ne(assignments.status, 'done'),
			gte(assignments.dueOn, today),
			lte(assignments.dueOn, addDays(today, DUE_SOON_DAYS)),
		)
	}
	return conditions
}

function selectAssignments(db: Db, taskForceId: string, conditions: SQL[]) {
	return db
		.select({
			id: assignments.id,
			title: assignments.title,
			subcommitteeId: assignments.subcommitteeId,
			subcommittee: subcommittees.name,
			assigneeId: assignments.assigneeId,
			assignee: users.name,
			phaseKind: assignments.phaseKind,
			dueOn: assignments.dueOn,
			status: assignments.status,
			blockedReason: assignments.blockedReason,
			revision: assignments.revision,
		})
		.from(assignments)
		.innerJoin(subcommittees, eq(subcommittees.id, assignments.subcommitteeId))
		.leftJoin(users, eq(users.id, assignments.assigneeId))
		.where(and(eq(assignments.taskForceId, taskForceId), ...conditions))
		.orderBy(
			sql`${assignments.dueOn} is null`,
			asc(assignments.dueOn),
			asc(subcommittees.name),
			asc(assignments.title),
		)
		.all()
}

/**
 * Assignments of a task force with subcommittee and assignee, soonest due first, undated last.
 * Without filters, every one of them; with filters (see shared/validation/assignments.ts), the
 * matching ones.
 */
export function listAssignments(
	db: Db,
	taskForceId: string,
	filters: AssignmentFilters = NO_FILTERS,
	context: FilterContext = { viewerId: '', today: '0000-00-00' },
) {
	return selectAssignments(db, taskForceId, assignmentConditions(filters, context))
}

export type AssignmentRow = ReturnType<typeof listAssignments>[number]

/** Open (not done) assignments of some subcommittees, soonest due first. */
export function listOpenAssignmentsOf(db: Db, taskForceId: string, subcommitteeIds: readonly string[]) {
	if (subcommitteeIds.length === 0) return []
	return selectAssignments(db, taskForceId, [
		ne(assignments.status, 'done'),
		inArray(assignments.subcommitteeId, [...subcommitteeIds]),
	])
}

/** How many assignments match a set of filters, e.g. for the dashboard's linked numbers. */
export function countAssignments(
	db: Db,
	taskForceId: string,
	filters: AssignmentFilters,
	context: FilterContext,
) {
	const row = db
		.select({ count: sql<number>`count(*)` })
		.from(assignments)
		.where(and(eq(assignments.taskForceId, taskForceId), ...assignmentConditions(filters, context)))
		.get()
	return row?.count ?? 0
}
