import type { Timeline } from '#server/task-forces/timeline.server.ts'
import { formatDate } from '#shared/dates.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { TableScroll } from './table-scroll.tsx'
import { dueDistance } from './timeline-layout.ts'

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * The section due dates of the chart's lanes as a table: the text alternative for the lanes, and
 * where each section marker links to.
 */
export function TimelineSectionsTable({ lanes }: { lanes: Timeline['lanes'] }) {
	const rows = lanes.flatMap((lane) => lane.sections.map((section) => ({ ...section, lane: lane.name })))
	if (rows.length === 0) return <p className="list-detail">No sections have due dates yet.</p>
	return (
		<TableScroll label="Section due dates by subcommittee">
			<table className="table table-timeline-sections">
				<caption className="visually-hidden">Section due dates by subcommittee</caption>
				<thead>
					<tr>
						<th scope="col">Section</th>
						<th scope="col" className="hide-narrow">
							Subcommittee
						</th>
						<th scope="col" className="hide-narrow">
							Due
						</th>
						<th scope="col">Status</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((section) => {
						return (
							<tr
								key={section.id}
								id={`section-${section.id}`}
								className={section.dueState === 'overdue' ? 'row-overdue' : undefined}
							>
								<th scope="row" className="cell-title">
									{section.title}
									<span className="cell-detail show-narrow">
										{section.lane}
										{section.dueOn ? ` · Due ${formatDate(section.dueOn)}` : ' · No due date'}
									</span>
								</th>
								<td className="hide-narrow">{section.lane}</td>
								<td className="cell-date hide-narrow">
									{section.dueOn ? formatDate(section.dueOn) : <span className="muted">No due date</span>}
								</td>
								<td>
									<span className={`state state-${section.status}`}>
										{SECTION_STATUS_LABELS[section.status]}
									</span>
									{section.dueState === 'overdue' ? (
										<span className="state state-overdue">Overdue</span>
									) : null}
									{/* Once handed in for review, how far off the date is no longer matters. */}
									{section.dueState !== 'delivered' && section.daysUntilDue !== null ? (
										<span className="cell-detail">{capitalize(dueDistance(section.daysUntilDue))}</span>
									) : null}
								</td>
							</tr>
						)
					})}
				</tbody>
			</table>
		</TableScroll>
	)
}
