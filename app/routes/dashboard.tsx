import { Link } from 'react-router'
import { PhaseStrip } from '#app/components/phase-strip.tsx'
import { RosterTable } from '#app/components/roster-table.tsx'
import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { getDashboard } from '#server/task-forces/dashboard.server.ts'
import { formatDate } from '#shared/dates.ts'
import { SECTORS } from '#shared/domain.ts'
import { PHASE_LABELS, SECTOR_LABELS } from '#shared/labels.ts'
import type { Route } from './+types/dashboard'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	return {
		taskForce: {
			slug: taskForce.slug,
			name: taskForce.name,
			summary: taskForce.summary,
			status: taskForce.status,
			publicationDate: taskForce.publicationDate,
		},
		...getDashboard(db, taskForce, now()),
	}
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Dashboard · ${data.taskForce.name} · Convene` : 'Convene' },
]

function plural(n: number, word: string, words = `${word}s`) {
	return `${n} ${Math.abs(n) === 1 ? word : words}`
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
	const { taskForce, currentPhase, phases, today, daysToPublication, subcommittees, roster } = loaderData
	const organizations = new Set(roster.map((person) => person.organization)).size
	const sectorCounts = SECTORS.map((sector) => ({
		sector,
		count: roster.filter((person) => person.sector === sector).length,
	})).filter((entry) => entry.count > 0)

	return (
		<div className="dashboard">
			<header className="page-header">
				<h1>{taskForce.name}</h1>
				<p className="lede">{taskForce.summary}</p>
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
					<p className="stat-value">{roster.length}</p>
					<p className="stat-detail">from {plural(organizations, 'organization')}</p>
				</div>
				<div className="stat">
					<h2 className="stat-label">Subcommittees</h2>
					<p className="stat-value">{subcommittees.length}</p>
					<p className="stat-detail">
						<Link to={`/t/${taskForce.slug}/subcommittees`}>See their work</Link>
					</p>
				</div>
			</section>

			<section className="card" aria-labelledby="timeline-heading">
				<div className="card-header">
					<h2 id="timeline-heading">Phases</h2>
					<Link to={`/t/${taskForce.slug}/timeline`}>Full timeline</Link>
				</div>
				<PhaseStrip phases={phases} today={today} />
			</section>

			<div className="columns">
				<section className="card" aria-labelledby="subcommittees-heading">
					<div className="card-header">
						<h2 id="subcommittees-heading">Subcommittees</h2>
					</div>
					<ul className="list">
						{subcommittees.map((subcommittee) => (
							<li key={subcommittee.id} className="list-row">
								<span>
									<span className="list-title">{subcommittee.name}</span>
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
					<Link to={`/t/${taskForce.slug}/members`}>All members</Link>
				</div>
				<RosterTable rows={roster} caption="Members of the task force" />
			</section>
		</div>
	)
}
