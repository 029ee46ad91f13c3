import { href } from 'react-router'
import { PhaseStrip } from '#app/components/phase-strip.tsx'
import { TableScroll } from '#app/components/table-scroll.tsx'
import { TimelineChart } from '#app/components/timeline-chart.tsx'
import { TimelineLegend } from '#app/components/timeline-marker.tsx'
import { TimelineSectionsTable } from '#app/components/timeline-sections-table.tsx'
import styles from '#app/styles/timeline.css?url'
import { getServices } from '#server/context.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { getTimeline } from '#server/task-forces/timeline.server.ts'
import { formatDate } from '#shared/dates.ts'
import { MILESTONE_STATE_LABELS, PHASE_LABELS, PHASE_STATUS_LABELS } from '#shared/labels.ts'
import type { MilestoneState } from '#shared/schedule.ts'
import { plural } from '#shared/text.ts'
import type { Route } from './+types/timeline'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	return {
		taskForce: { name: taskForce.name, status: taskForce.status, slug: taskForce.slug },
		...getTimeline(db, taskForce, now()),
	}
}

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Timeline · ${data.taskForce.name} · Convene` : 'Convene' },
]

/** The words under a milestone's state: how far off it is, or why it no longer counts. */
function dueDetail(milestone: { state: MilestoneState; daysUntilDue: number; waivedReason: string | null }) {
	switch (milestone.state) {
		case 'overdue':
			return `${plural(-milestone.daysUntilDue, 'day')} late`
		case 'due_soon':
		case 'upcoming':
			return milestone.daysUntilDue === 0 ? 'Due today' : `In ${plural(milestone.daysUntilDue, 'day')}`
		case 'waived':
			return milestone.waivedReason
		case 'done':
			return null
	}
}

export default function Timeline({ loaderData }: Route.ComponentProps) {
	const { taskForce, today, publicationDate, daysToPublication, phases, lanes } = loaderData
	const firstDate = phases[0]?.startsOn ?? today
	return (
		<>
			<header className="page-header">
				<h1>Timeline</h1>
				<dl className="facts">
					<div>
						<dt>Today</dt>
						<dd>{formatDate(today, { weekday: true })}</dd>
					</div>
					<div>
						<dt>Publication</dt>
						<dd>
							{formatDate(publicationDate, { weekday: true })}
							{taskForce.status === 'active' && daysToPublication >= 0 ? (
								<span className="facts-detail"> · {plural(daysToPublication, 'day')} away</span>
							) : null}
						</dd>
					</div>
				</dl>
				<p className="timeline-actions">
					<a
						href={href('/t/:slug/calendar.ics', { slug: taskForce.slug })}
						download={`${taskForce.slug}.ics`}
					>
						Download these dates for your calendar (.ics)
					</a>{' '}
					<span className="muted">
						· to keep your calendar up to date,{' '}
						<a href="/account#calendar-heading">subscribe from your account</a>
					</span>
				</p>
			</header>

			<section className="card" aria-labelledby="phases-heading">
				<div className="card-header">
					<h2 id="phases-heading">Phases</h2>
				</div>
				<PhaseStrip phases={phases} today={today} />
			</section>

			<section className="card timeline-card" aria-labelledby="chart-heading">
				<div className="card-header card-header-wrap">
					<h2 id="chart-heading">The run-up at a glance</h2>
					<a href="#timeline-tables" className="timeline-skip">
						Skip to the tables
					</a>
				</div>
				<p id="timeline-chart-summary" className="card-hint">
					Phases, milestones and each subcommittee’s section due dates from {formatDate(firstDate)} to
					publication on {formatDate(publicationDate)}. Hover over or focus a marker for its details; the
					tables below list the same dates.
				</p>
				<TimelineLegend />
				<TimelineChart timeline={loaderData} describedBy="timeline-chart-summary" />
			</section>

			<div id="timeline-tables" className="timeline-tables" tabIndex={-1}>
				{phases.map((phase) => {
					const headingId = `phase-${phase.kind}`
					return (
						<section key={phase.id} className="card" aria-labelledby={headingId}>
							<div className="card-header card-header-wrap">
								<h2 id={headingId}>
									{PHASE_LABELS[phase.kind]}{' '}
									<span className={`state state-phase-${phase.status}`}>
										{PHASE_STATUS_LABELS[phase.status]}
									</span>
								</h2>
								<span className="count">
									{formatDate(phase.startsOn)} – {formatDate(phase.endsOn)}
								</span>
							</div>
							{phase.milestones.length === 0 ? (
								<p className="list-detail">No milestones in this phase.</p>
							) : (
								<TableScroll label={`Milestones of the ${PHASE_LABELS[phase.kind]} phase`}>
									<table className="table table-milestones">
										<caption className="visually-hidden">
											Milestones of the {PHASE_LABELS[phase.kind]} phase
										</caption>
										<thead>
											<tr>
												<th scope="col">Milestone</th>
												<th scope="col" className="hide-narrow">
													Due
												</th>
												<th scope="col">Status</th>
											</tr>
										</thead>
										<tbody>
											{phase.milestones.map((milestone) => {
												const detail = dueDetail(milestone)
												return (
													<tr key={milestone.id} id={`milestone-${milestone.id}`}>
														<th scope="row" className="cell-title">
															{milestone.title}
															<span className="cell-detail show-narrow">
																Due {formatDate(milestone.dueOn)}
															</span>
														</th>
														<td className="cell-date hide-narrow">{formatDate(milestone.dueOn)}</td>
														<td>
															<span className={`state state-${milestone.state}`}>
																{MILESTONE_STATE_LABELS[milestone.state]}
															</span>
															{detail ? <span className="cell-detail">{detail}</span> : null}
														</td>
													</tr>
												)
											})}
										</tbody>
									</table>
								</TableScroll>
							)}
						</section>
					)
				})}

				<section className="card" aria-labelledby="sections-heading">
					<div className="card-header">
						<h2 id="sections-heading">Section due dates</h2>
					</div>
					<TimelineSectionsTable lanes={lanes} />
				</section>
			</div>
		</>
	)
}
