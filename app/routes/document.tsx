import { TableScroll } from '#app/components/table-scroll.tsx'
import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { listSections, requireDocument } from '#server/task-forces/documents.server.ts'
import { formatDate, formatDateTime, formatRelativeTime, todayIn } from '#shared/dates.ts'
import { SECTION_STATUSES } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'
import type { Route } from './+types/document'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	const document = requireDocument(db, taskForce.id, params.documentId)
	const at = now()
	return {
		taskForce: { name: taskForce.name },
		today: todayIn(taskForce.timeZone, at),
		document,
		// Instants are worded here, on the server, so the browser hydrates the very same text.
		sections: listSections(db, document.id).map(({ lastEditedAt, ...section }) => ({
			...section,
			lastEdited:
				lastEditedAt === null
					? null
					: {
							iso: new Date(lastEditedAt).toISOString(),
							relative: formatRelativeTime(lastEditedAt, at.getTime()),
							exact: formatDateTime(lastEditedAt, taskForce.timeZone),
						},
		})),
	}
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `${data.document.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Document({ loaderData }: Route.ComponentProps) {
	const { document, sections, today } = loaderData
	const words = sections.reduce((sum, section) => sum + section.wordCount, 0)
	const target = sections.reduce((sum, section) => sum + (section.targetWords ?? 0), 0)
	const tallies = SECTION_STATUSES.map((status) => ({
		status,
		count: sections.filter((section) => section.status === status).length,
	}))

	return (
		<>
			<header className="page-header">
				<p className="eyebrow">Document</p>
				<h1>{document.title}</h1>
				{document.summary ? <p className="lede">{document.summary}</p> : null}
			</header>

			<ul className="tallies" aria-label="Sections by status">
				{tallies.map(({ status, count }) => (
					<li key={status} className="tally">
						<span className="tally-value">{formatNumber(count)}</span>
						<span className="tally-label">{SECTION_STATUS_LABELS[status]}</span>
					</li>
				))}
				<li className="tally">
					<span className="tally-value">{formatNumber(words)}</span>
					<span className="tally-label">
						{target > 0 ? `of ${formatNumber(target)} target words` : 'words'}
					</span>
				</li>
			</ul>

			<section className="card" aria-labelledby="sections-heading">
				<div className="card-header">
					<h2 id="sections-heading">Sections</h2>
					<span className="count">{sections.length} in reading order</span>
				</div>
				{sections.length === 0 ? (
					<p className="list-detail">This document has no sections yet.</p>
				) : (
					<TableScroll label="Sections" tall>
						<table className="table table-wide">
							<caption className="visually-hidden">Sections of {document.title}, in reading order</caption>
							<thead>
								<tr>
									<th scope="col">Section</th>
									<th scope="col">Owner</th>
									<th scope="col">Status</th>
									<th scope="col">Length</th>
									<th scope="col">Due</th>
									<th scope="col">Last edited</th>
								</tr>
							</thead>
							<tbody>
								{sections.map((section, index) => {
									const late =
										section.dueOn !== null && section.dueOn < today && section.status !== 'approved'
									return (
										<tr key={section.id}>
											<th scope="row" className="cell-title">
												<span className="section-number">{index + 1}.</span> {section.title}
											</th>
											<td>{section.subcommittee ?? <span className="muted">No subcommittee</span>}</td>
											<td>
												<span className={`state state-${section.status}`}>
													{SECTION_STATUS_LABELS[section.status]}
												</span>
											</td>
											<td className="cell-words">
												<WordCount words={section.wordCount} target={section.targetWords} />
											</td>
											<td className="cell-date">
												{section.dueOn ? formatDate(section.dueOn) : '—'}
												{late ? <span className="state state-overdue">Overdue</span> : null}
											</td>
											<td>
												{section.lastEdited ? (
													<>
														<time dateTime={section.lastEdited.iso} title={section.lastEdited.exact}>
															{section.lastEdited.relative}
														</time>
														{section.lastEditedBy ? (
															<span className="cell-detail">by {section.lastEditedBy}</span>
														) : null}
													</>
												) : (
													<span className="muted">Not yet</span>
												)}
											</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</TableScroll>
				)}
			</section>
		</>
	)
}

/** "120 / 1,500 words" with a thin meter under it; the text carries the meaning, the meter is a glance. */
function WordCount({ words, target }: { words: number; target: number | null }) {
	if (!target) return <>{formatNumber(words)} words</>
	const share = Math.min(words / target, 1)
	return (
		<>
			<span className="nowrap">
				{formatNumber(words)} / {formatNumber(target)} words
			</span>
			<span className="meter" aria-hidden="true">
				<span style={{ width: `${share * 100}%` }} />
			</span>
		</>
	)
}
