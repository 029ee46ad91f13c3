import { href, Link } from 'react-router'
import { TableScroll } from '#app/components/table-scroll.tsx'
import type { SubcommitteePage } from '#server/subcommittees/subcommittee-page.server.ts'
import { daysBetween, formatDate } from '#shared/dates.ts'
import { ASSIGNMENT_STATUS_LABELS, SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { plural } from '#shared/text.ts'

/** The sections a subcommittee owns, each linking to its place in the document. */
export function OwnedSections({ slug, sections }: { slug: string; sections: SubcommitteePage['sections'] }) {
	return (
		<section className="card" aria-labelledby="sections-heading">
			<div className="card-header">
				<h2 id="sections-heading">Sections it owns</h2>
				<span className="count">{plural(sections.length, 'section')}</span>
			</div>
			{sections.length === 0 ? (
				<p className="list-detail">None yet. A co-chair assigns sections to subcommittees on the document.</p>
			) : (
				<ul className="list">
					{sections.map((section) => (
						<li key={section.id} className="list-row">
							<span>
								<Link
									className="list-title"
									to={href('/t/:slug/documents/:documentId', { slug, documentId: section.documentId })}
								>
									{section.title}
								</Link>
								<span className="list-detail">
									{section.documentTitle}
									{section.dueOn ? ` · due ${formatDate(section.dueOn)}` : ''}
								</span>
							</span>
							<span className={`state state-${section.status}`}>{SECTION_STATUS_LABELS[section.status]}</span>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

/** "3 days late", said in words so overdue never rests on color. */
function lateBy(dueOn: string, today: string): string {
	return `${plural(daysBetween(dueOn, today), 'day')} late`
}

/** The subcommittee's assignments that are not done, soonest due first; overdue ones say so. */
export function OpenAssignments({
	slug,
	today,
	assignments,
}: {
	slug: string
	today: string
	assignments: SubcommitteePage['openAssignments']
}) {
	const overdue = assignments.filter((assignment) => assignment.overdue).length
	return (
		<section className="card" id="open-assignments" aria-labelledby="open-assignments-heading">
			<div className="card-header card-header-wrap">
				<h2 id="open-assignments-heading">Open assignments</h2>
				<span className="count">
					{assignments.length} open{overdue > 0 ? `, ${overdue} overdue` : ''}
				</span>
			</div>
			{assignments.length === 0 ? (
				<p className="list-detail">No open assignments.</p>
			) : (
				<TableScroll label="Open assignments">
					<table className="table">
						<caption className="visually-hidden">
							Open assignments of this subcommittee, soonest due first
						</caption>
						<thead>
							<tr>
								<th scope="col">Assignment</th>
								<th scope="col">Assignee</th>
								<th scope="col">Due</th>
								<th scope="col">Status</th>
							</tr>
						</thead>
						<tbody>
							{assignments.map((assignment) => (
								<tr key={assignment.id} className={assignment.overdue ? 'row-overdue' : undefined}>
									<th scope="row" className="cell-title">
										<Link
											to={href('/t/:slug/assignments/:assignmentId', { slug, assignmentId: assignment.id })}
										>
											{assignment.title}
										</Link>
									</th>
									<td>{assignment.assignee ?? <span className="muted">Unassigned</span>}</td>
									<td className="cell-date">
										{assignment.dueOn ? formatDate(assignment.dueOn) : '—'}
										{assignment.overdue && assignment.dueOn ? (
											<span className="cell-detail">{lateBy(assignment.dueOn, today)}</span>
										) : null}
									</td>
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
	)
}
