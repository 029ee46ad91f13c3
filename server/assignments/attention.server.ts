import { and, asc, eq, isNull, lt, lte, notInArray, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { documents, milestones, phases, sections, subcommittees } from '#db/schema/index.ts'
import { NO_FILTERS } from '#shared/assignment-filters.ts'
import { addDays, daysBetween } from '#shared/dates.ts'
import { DUE_SOON_DAYS, milestoneState } from '#shared/schedule.ts'
import { listAssignments } from './lists.server.ts'

/** How many items of each kind the dashboard names before the link to the full list. */
const PREVIEW = 5

/** Milestones not done or waived that are overdue or due within DUE_SOON_DAYS, soonest first. */
const pressingMilestones = preparedQuery((db) =>
	db
		.select({
			id: milestones.id,
			title: milestones.title,
			dueOn: milestones.dueOn,
			phaseKind: phases.kind,
			completedAt: milestones.completedAt,
			waivedReason: milestones.waivedReason,
		})
		.from(milestones)
		.innerJoin(phases, eq(phases.id, milestones.phaseId))
		.where(
			and(
				eq(milestones.taskForceId, sql.placeholder('taskForceId')),
				isNull(milestones.completedAt),
				isNull(milestones.waivedReason),
				lte(milestones.dueOn, sql.placeholder('soonUntil')),
			),
		)
		.orderBy(asc(milestones.dueOn), asc(milestones.title))
		.prepare(),
)

function listPressingMilestones(db: Db, taskForceId: string, today: string) {
	return pressingMilestones(db)
		.all({ taskForceId, soonUntil: addDays(today, DUE_SOON_DAYS) })
		.map(({ completedAt: _, waivedReason: __, ...milestone }) => ({
			...milestone,
			state: milestoneState({ ...milestone, completedAt: null, waivedReason: null }, today),
		}))
}

/**
 * Sections behind their due date: due before today and not yet in review or approved (a section
 * handed to review has left its writers' hands in time).
 */
const sectionsBehind = preparedQuery((db) =>
	db
		.select({
			id: sections.id,
			title: sections.title,
			documentId: sections.documentId,
			status: sections.status,
			dueOn: sections.dueOn,
			subcommittee: subcommittees.name,
		})
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.where(
			and(
				eq(documents.taskForceId, sql.placeholder('taskForceId')),
				lt(sections.dueOn, sql.placeholder('today')),
				notInArray(sections.status, ['in_review', 'approved']),
			),
		)
		.orderBy(asc(sections.dueOn), asc(sections.position))
		.prepare(),
)

function listSectionsBehind(db: Db, taskForceId: string, today: string) {
	return sectionsBehind(db)
		.all({ taskForceId, today })
		.map((section) => ({ ...section, daysLate: section.dueOn ? daysBetween(section.dueOn, today) : 0 }))
}

/**
 * The dashboard's "needs attention": overdue and due-soon assignments and milestones, blocked
 * assignments, sections behind their due date. Each kind comes with its full count (the number
 * links to the list behind it) and the first few items.
 */
export function getNeedsAttention(db: Db, taskForceId: string, today: string) {
	const context = { viewerId: '', today }
	const overdue = listAssignments(db, taskForceId, { ...NO_FILTERS, overdue: true }, context)
	const dueSoon = listAssignments(db, taskForceId, { ...NO_FILTERS, dueSoon: true }, context)
	const blocked = listAssignments(db, taskForceId, { ...NO_FILTERS, status: 'blocked' }, context)
	const milestoneRows = listPressingMilestones(db, taskForceId, today)
	const sectionRows = listSectionsBehind(db, taskForceId, today)
	const preview = <T>(rows: T[]) => ({ count: rows.length, items: rows.slice(0, PREVIEW) })
	const brief = (row: (typeof overdue)[number]) => ({
		id: row.id,
		title: row.title,
		subcommittee: row.subcommittee,
		assignee: row.assignee,
		dueOn: row.dueOn,
		status: row.status,
		blockedReason: row.blockedReason,
	})
	return {
		overdue: preview(overdue.map(brief)),
		dueSoon: preview(dueSoon.map(brief)),
		blocked: preview(blocked.map(brief)),
		overdueMilestones: preview(milestoneRows.filter((row) => row.state === 'overdue')),
		dueSoonMilestones: preview(milestoneRows.filter((row) => row.state === 'due_soon')),
		sectionsBehind: preview(sectionRows),
	}
}

export type NeedsAttention = ReturnType<typeof getNeedsAttention>
