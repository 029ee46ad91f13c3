import { href, Link } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import type { AssignmentStatus, PhaseKind } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { AssignmentState } from './assignment-state.tsx'
import { TableScroll } from './table-scroll.tsx'

/** One assignment as the list and the board show it. */
export type AssignmentItem = {
	id: string
	title: string
	subcommittee: string
	assignee: string | null
	phaseKind: PhaseKind
	dueOn: string | null
	status: AssignmentStatus
	blockedReason: string | null
	overdue: boolean
	/** Whether the viewer may change its status (its assignee, its lead, co-chairs). */
	canMove: boolean
}

/** The list view: one row per assignment, soonest due first; overdue rows marked in words and color. */
export function AssignmentTable({
	slug,
	items,
	label = 'Assignments',
}: {
	slug: string
	items: AssignmentItem[]
	/** What these rows are, for the scrolling region and the caption: "Open assignments". */
	label?: string
}) {
	return (
		<TableScroll label={label} tall>
			<table className="table table-wide">
				<caption className="visually-hidden">{label}, soonest due first</caption>
				<thead>
					<tr>
						<th scope="col">Assignment</th>
						<th scope="col">Subcommittee</th>
						<th scope="col">Assignee</th>
						<th scope="col">Phase</th>
						<th scope="col">Due</th>
						<th scope="col">Status</th>
					</tr>
				</thead>
				<tbody>
					{items.map((item) => (
						<tr key={item.id} className={item.overdue ? 'row-overdue' : undefined}>
							<th scope="row" className="cell-title">
								<Link to={href('/t/:slug/assignments/:assignmentId', { slug, assignmentId: item.id })}>
									{item.title}
								</Link>
								{item.status === 'blocked' && item.blockedReason ? (
									<span className="cell-detail">Blocked: {item.blockedReason}</span>
								) : null}
							</th>
							<td>{item.subcommittee}</td>
							<td>{item.assignee ?? <span className="muted">Unassigned</span>}</td>
							<td>{PHASE_LABELS[item.phaseKind]}</td>
							<td className="cell-date">{item.dueOn ? formatDate(item.dueOn) : '—'}</td>
							<td className="cell-states">
								<AssignmentState status={item.status} overdue={item.overdue} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</TableScroll>
	)
}
