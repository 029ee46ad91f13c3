import { and, asc, eq, gte, inArray, lt, lte, ne, type SQL, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQueryByKey } from '#db/prepared.server.ts'
import { assignments, subcommittees, users } from '#db/schema/index.ts'
import { type AssignmentFilters, NO_FILTERS } from '#shared/assignment-filters.ts'
import { addDays } from '#shared/dates.ts'
import { DUE_SOON_DAYS } from '#shared/schedule.ts'

/** What the filters need to know besides themselves: who "mine" is, and the task force's today. */
export type FilterContext = { viewerId: string; today: string }

/**
 * Which filters are on, as a key: each combination is one prepared query (at most 2 × 2 × 3 × 2 ×
 * 2 × 2), the filters' values its placeholders.
 */
function shapeOf(filters: AssignmentFilters): string {
	const status = filters.status === 'open' ? 'o' : filters.status ? 's' : '-'
	const on = (value: unknown) => (value ? '1' : '0')
	return `${on(filters.mine)}${on(filters.subcommitteeId)}${status}${on(filters.phase)}${on(filters.overdue)}${on(filters.dueSoon)}`
}

/** The SQL conditions of a filter shape (see `shapeOf`), with the values left as placeholders. */
function conditionsOf(shape: string): SQL[] {
	const [mine, subcommittee, status, phase, overdue, dueSoon] = shape
	const conditions: SQL[] = [eq(assignments.taskForceId, sql.placeholder('taskForceId'))]
	if (mine === '1') conditions.push(eq(assignments.assigneeId, sql.placeholder('viewerId')))
	if (subcommittee === '1') conditions.push(eq(assignments.subcommitteeId, sql.placeholder('subcommitteeId')))
	if (status === 'o') conditions.push(ne(assignments.status, 'done'))
	else if (status === 's') conditions.push(eq(assignments.status, sql.placeholder('status')))
	if (phase === '1') conditions.push(eq(assignments.phaseKind, sql.placeholder('phase')))
	// Overdue and due soon mean the same as isAssignmentOverdue and DUE_SOON_DAYS say elsewhere.
	if (overdue === '1')
		conditions.push(ne(assignments.status, 'done'), lt(assignments.dueOn, sql.placeholder('today')))
	if (dueSoon === '1') {
		conditions.push(
			ne(assignments.status, 'done'),
			gte(assignments.dueOn, sql.placeholder('today')),
			lte(assignments.dueOn, sql.placeholder('soonUntil')),
		)
	}
	return conditions
}

/** The placeholder values for a task force's filters; `today` is its calendar date. */
function valuesOf(taskForceId: string, filters: AssignmentFilters, { viewerId, today }: FilterContext) {
	return {
		taskForceId,
		viewerId,
		subcommitteeId: filters.subcommitteeId ?? '',
		status: filters.status ?? '',
		phase: filters.phase ?? '',
		today,
		soonUntil: addDays(today, DUE_SOON_DAYS),
	}
}

function assignmentsQuery(db: Db) {
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
}

const ORDER = [
	sql`${assignments.dueOn} is null`,
	asc(assignments.dueOn),
	asc(subcommittees.name),
	asc(assignments.title),
]

const assignmentsOfShape = preparedQueryByKey((db, shape) =>
	assignmentsQuery(db)
		.where(and(...conditionsOf(shape)))
		.orderBy(...ORDER)
		.prepare(),
)

const countOfShape = preparedQueryByKey((db, shape) =>
	db
		.select({ count: sql<number>`count(*)` })
		.from(assignments)
		.where(and(...conditionsOf(shape)))
		.prepare(),
)

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
	return assignmentsOfShape(db, shapeOf(filters)).all(valuesOf(taskForceId, filters, context))
}

export type AssignmentRow = ReturnType<typeof listAssignments>[number]

/** Open (not done) assignments of some subcommittees, soonest due first. */
export function listOpenAssignmentsOf(db: Db, taskForceId: string, subcommitteeIds: readonly string[]) {
	if (subcommitteeIds.length === 0) return []
	// A list of any length cannot be a placeholder: this one is built per call.
	return assignmentsQuery(db)
		.where(
			and(
				eq(assignments.taskForceId, taskForceId),
				ne(assignments.status, 'done'),
				inArray(assignments.subcommitteeId, [...subcommitteeIds]),
			),
		)
		.orderBy(...ORDER)
		.all()
}

/** How many assignments match a set of filters, e.g. for the dashboard's linked numbers. */
export function countAssignments(
	db: Db,
	taskForceId: string,
	filters: AssignmentFilters,
	context: FilterContext,
) {
	const row = countOfShape(db, shapeOf(filters)).get(valuesOf(taskForceId, filters, context))
	return row?.count ?? 0
}
