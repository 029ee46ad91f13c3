import type { Db } from '#db/client.server.ts'
import { NO_FILTERS } from '#shared/assignment-filters.ts'
import { isAssignmentOverdue } from '#shared/schedule.ts'
import type { Membership } from '../policies/types.ts'
import { listSubcommittees } from '../subcommittees/lists.server.ts'
import { type AssignmentRow, listAssignments, listOpenAssignmentsOf } from './lists.server.ts'

/** How many of a subcommittee's open assignments the dashboard lists before linking to the rest. */
const TEAM_PREVIEW = 5

function withOverdue(rows: AssignmentRow[], today: string) {
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		subcommittee: row.subcommittee,
		assignee: row.assignee,
		dueOn: row.dueOn,
		status: row.status,
		overdue: isAssignmentOverdue(row, today),
	}))
}

/**
 * The dashboard's "my work": the viewer's own open assignments, and the open assignments of the
 * subcommittees they belong to or lead that are someone else's (or nobody's) — soonest due first.
 * Observers have no subcommittee work.
 */
export function getMyWork(
	db: Db,
	{
		taskForceId,
		viewerId,
		membership,
		today,
	}: { taskForceId: string; viewerId: string; membership: Membership; today: string },
) {
	const mine = listAssignments(
		db,
		taskForceId,
		{ ...NO_FILTERS, mine: true, status: 'open' },
		{ viewerId, today },
	)
	const subcommitteeIds =
		membership.role === 'observer'
			? []
			: [...new Set([...membership.leadsSubcommitteeIds, ...membership.subcommitteeIds])]
	const open = listOpenAssignmentsOf(db, taskForceId, subcommitteeIds)
	const teams = listSubcommittees(db, taskForceId)
		.filter((subcommittee) => subcommitteeIds.includes(subcommittee.id))
		.map((subcommittee) => {
			const rows = open.filter((row) => row.subcommitteeId === subcommittee.id)
			// The count is every open one (it links to that list); the preview leaves out the viewer's own, listed above.
			const others = rows.filter((row) => row.assigneeId !== viewerId)
			return {
				id: subcommittee.id,
				name: subcommittee.name,
				leads: membership.leadsSubcommitteeIds.includes(subcommittee.id),
				openCount: rows.length,
				othersCount: others.length,
				items: withOverdue(others.slice(0, TEAM_PREVIEW), today),
			}
		})
	return { mine: withOverdue(mine, today), teams }
}
