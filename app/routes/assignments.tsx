import { TableScroll } from '#app/components/table-scroll.tsx'
import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { listAssignments } from '#server/task-forces/assignments.server.ts'
import { formatDate, todayIn } from '#shared/dates.ts'
import { ASSIGNMENT_STATUSES } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS, PHASE_LABELS } from '#shared/labels.ts'
import { isAssignmentOverdue } from '#shared/schedule.ts'
import { formatNumber } from '#shared/text.ts'
import type { Route } from './+types/assignments'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	const today = todayIn(taskForce.timeZone, now())
	return {
		taskForce: { name: taskForce.name },
		today,
		assignments: listAssignments(db, taskForce.id).map((assignment) => ({
			...assignment,
			overdue: isAssignmentOverdue(assignment, today),
		})),
	}
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Assignments · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Assignments({ loaderData }: Route.ComponentProps) {
	const { assignments, today } = loaderData
	const overdue = assignments.filter((assignment) => assignment.overdue).length
	const tallies = ASSIGNMENT_STATUSES.map((status) => ({
		status,
		count: assignments.filter((assignment) => assignment.status === status).length,
	}))

	return (
		<>
			<header className="page-header">
				<h1>
					Assignments <span className="count">({formatNumber(assignments.length)})</span>
				</h1>
				<p className="lede">
					Every subcommittee's assignments, soonest due first. An assignment is overdue when its due date has
					passed and it is not done; today is {formatDate(today, { weekday: true })}.
				</p>
			</header>

			<ul className="tallies" aria-label="Assignments by status">
				{tallies.map(({ status, count }) => (
					<li key={status} className="tally">
						<span className="tally-value">{formatNumber(count)}</span>
						<span className="tally-label">{ASSIGNMENT_STATUS_LABELS[status]}</span>
					</li>
				))}
				<li className={overdue > 0 ? 'tally tally-alert' : 'tally'}>
					<span className="tally-value">{formatNumber(overdue)}</span>
					<span className="tally-label">Overdue</span>
				</li>
			</ul>

			<section className="card" aria-labelledby="assignments-heading">
				<div className="card-header">
					<h2 id="assignments-heading">All assignments</h2>
				</div>
				{assignments.length === 0 ? (
					<p className="list-detail">No assignments yet.</p>
				) : (
					<TableScroll label="Assignments" tall>
						<table className="table table-wide">
							<caption className="visually-hidden">Assignments of the task force, soonest due first</caption>
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
								{assignments.map((assignment) => (
									<tr key={assignment.id} className={assignment.overdue ? 'row-overdue' : undefined}>
										<th scope="row" className="cell-title">
											{assignment.title}
										</th>
										<td>{assignment.subcommittee}</td>
										<td>{assignment.assignee ?? <span className="muted">Unassigned</span>}</td>
										<td>{PHASE_LABELS[assignment.phaseKind]}</td>
										<td className="cell-date">{assignment.dueOn ? formatDate(assignment.dueOn) : '—'}</td>
										<td className="cell-states">
											<span className={`state state-${assignment.status}`}>
												{ASSIGNMENT_STATUS_LABELS[assignment.status]}
											</span>
											{assignment.overdue ? <span className="state state-overdue">Overdue</span> : null}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
				)}
			</section>
		</>
	)
}
