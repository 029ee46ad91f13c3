import { href, Link } from 'react-router'
import { DashboardActivity } from '#app/components/dashboard-activity.tsx'
import { DashboardAttention } from '#app/components/dashboard-attention.tsx'
import { DashboardMyWork } from '#app/components/dashboard-my-work.tsx'
import { DashboardSections } from '#app/components/dashboard-sections.tsx'
import { PhaseStrip } from '#app/components/phase-strip.tsx'
import { RosterTable } from '#app/components/roster-table.tsx'
import styles from '#app/styles/dashboard.css?url'
import { getServices } from '#server/context.server.ts'
import { getDashboard } from '#server/dashboard/dashboard.server.ts'
import { canManageSchedule } from '#server/policies/task-force.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { formatDate } from '#shared/dates.ts'
import { PHASE_LABELS, SECTOR_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'
import type { Route } from './+types/dashboard'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { viewer, taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	return {
		taskForce: {
			slug: taskForce.slug,
			name: taskForce.name,
			summary: taskForce.summary,
			status: taskForce.status,
			publicationDate: taskForce.publicationDate,
		},
		managesSchedule: canManageSchedule(membership, state),
		// Observers follow the work; nothing is theirs, so they get no "my work".
		...getDashboard(
			db,
			taskForce,
			now(),
			membership.role === 'observer' ? undefined : { id: viewer.id, membership },
		),
	}
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Dashboard · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Dashboard({ loaderData }: Route.ComponentProps) {
	const { taskForce, currentPhase, phases, today, daysToPublication, subcommittees } = loaderData
	const { memberCount, organizationCount, sectorCounts, rosterPreview, sectionProgress } = loaderData
	const slug = taskForce.slug

	return (
		<div className="dashboard">
			<header className="page-header dashboard-header">
				<div>
					<h1>{taskForce.name}</h1>
					<p className="lede">{taskForce.summary}</p>
				</div>
				{loaderData.managesSchedule ? (
					<Link className="button button-secondary" to={href('/t/:slug/settings/phases', { slug })}>
						Manage phases and milestones
					</Link>
				) : null}
			</header>

			<section className="stats" aria-label="Where the task force stands">
				<div className="stat stat-primary">
					<h2 className="stat-label">Current phase</h2>
					{currentPhase ? (
						<>
							<p className="stat-value">{PHASE_LABELS[currentPhase.kind]}</p>
							<p className="stat-detail">
								{formatDate(currentPhase.startsOn)} – {formatDate(currentPhase.endsOn)}
							</p>
							<p className="stat-detail strong">
								{currentPhase.daysLeft >= 0
									? `${plural(currentPhase.daysLeft, 'day')} left`
									: `${plural(-currentPhase.daysLeft, 'day')} past its end date`}
							</p>
						</>
					) : (
						<p className="stat-value">{taskForce.status === 'published' ? 'Published' : 'Not started'}</p>
					)}
				</div>
				<div className="stat">
					<h2 className="stat-label">Publication</h2>
					<p className="stat-value">
						{daysToPublication >= 0 ? plural(daysToPublication, 'day') : 'Published'}
					</p>
					<p className="stat-detail">{formatDate(taskForce.publicationDate, { weekday: true })}</p>
				</div>
				<div className="stat">
					<h2 className="stat-label">Members</h2>
					<p className="stat-value">
						<Link className="stat-link" to={href('/t/:slug/members', { slug })}>
							{formatNumber(memberCount)}
						</Link>
					</p>
					<p className="stat-detail">from {plural(organizationCount, 'organization')}</p>
				</div>
				<div className="stat">
					<h2 className="stat-label">Subcommittees</h2>
					<p className="stat-value">
						<Link className="stat-link" to={href('/t/:slug/subcommittees', { slug })}>
							{formatNumber(subcommittees.length)}
						</Link>
					</p>
					<p className="stat-detail">
						<Link to={href('/t/:slug/subcommittees', { slug })}>See their work</Link>
					</p>
				</div>
			</section>

			<section className="card" aria-labelledby="timeline-heading">
				<div className="card-header">
					<h2 id="timeline-heading">Phases</h2>
					<Link to={href('/t/:slug/timeline', { slug })}>Full timeline</Link>
				</div>
				<PhaseStrip phases={phases} today={today} />
			</section>

			<div className="columns">
				{loaderData.myWork ? (
					<DashboardMyWork slug={slug} mine={loaderData.myWork.mine} teams={loaderData.myWork.teams} />
				) : null}
				<DashboardAttention
					slug={slug}
					documentId={sectionProgress[0]?.id ?? null}
					attention={loaderData.attention}
				/>
			</div>

			<div className="columns">
				<DashboardSections slug={slug} documents={sectionProgress} />
				<DashboardActivity slug={slug} entries={loaderData.recentActivity} />
			</div>

			<div className="columns">
				<section className="card" aria-labelledby="subcommittees-heading">
					<div className="card-header">
						<h2 id="subcommittees-heading">Subcommittees</h2>
					</div>
					<ul className="list">
						{subcommittees.map((subcommittee) => (
							<li key={subcommittee.id} className="list-row">
								<span>
									<Link
										className="list-title"
										to={href('/t/:slug/subcommittees/:subcommitteeId', {
											slug,
											subcommitteeId: subcommittee.id,
										})}
									>
										{subcommittee.name}
									</Link>
									<span className="list-detail">
										{subcommittee.leadName ? `Lead: ${subcommittee.leadName}` : 'No lead yet'}
									</span>
								</span>
								<span className="count">{plural(subcommittee.memberCount, 'member')}</span>
							</li>
						))}
					</ul>
				</section>

				<section className="card" aria-labelledby="sectors-heading">
					<div className="card-header">
						<h2 id="sectors-heading">Who is at the table</h2>
					</div>
					<ul className="list">
						{sectorCounts.map(({ sector, count }) => (
							<li key={sector} className="list-row">
								<span className={`sector sector-${sector}`}>{SECTOR_LABELS[sector]}</span>
								<span className="count">{plural(count, 'person', 'people')}</span>
							</li>
						))}
					</ul>
				</section>
			</div>

			<section className="card" aria-labelledby="roster-heading">
				<div className="card-header">
					<h2 id="roster-heading">Members</h2>
					<Link to={href('/t/:slug/members', { slug })}>All {formatNumber(memberCount)} members</Link>
				</div>
				<p className="card-hint dashboard-roster-hint">
					{memberCount > rosterPreview.length
						? `The first ${rosterPreview.length}, co-chairs first.`
						: 'Co-chairs first.'}
				</p>
				<RosterTable rows={rosterPreview} caption="The first members of the task force, co-chairs first" />
			</section>
		</div>
	)
}
