import { Link } from 'react-router'
import { assignmentsHref } from '#shared/assignment-filters.ts'
import { formatNumber, plural } from '#shared/text.ts'
import { type DashboardAssignment, DashboardWorkItem } from './dashboard-work-item.tsx'

type Team = {
	id: string
	name: string
	leads: boolean
	openCount: number
	othersCount: number
	items: Array<DashboardAssignment & { overdue: boolean }>
}

type Props = {
	slug: string
	mine: Array<DashboardAssignment & { overdue: boolean }>
	teams: Team[]
}

/** "My work": what is assigned to the viewer, then the open work of their subcommittees. */
export function DashboardMyWork({ slug, mine, teams }: Props) {
	const mineHref = assignmentsHref(slug, { mine: true, status: 'open' })
	return (
		<section className="card" aria-labelledby="my-work-heading">
			<div className="card-header">
				<h2 id="my-work-heading">My work</h2>
				<Link to={assignmentsHref(slug, { mine: true })}>Everything assigned to me</Link>
			</div>
			<h3 className="dashboard-subheading">
				Assigned to me: <Link to={mineHref}>{plural(mine.length, 'open assignment')}</Link>
			</h3>
			{mine.length === 0 ? (
				<p className="muted">Nothing open is assigned to you.</p>
			) : (
				<ul className="work-list">
					{mine.map((item) => (
						<DashboardWorkItem key={item.id} slug={slug} item={item} />
					))}
				</ul>
			)}
			{teams.map((team) => (
				<div key={team.id} className="work-team">
					<h3 className="dashboard-subheading">
						{team.name}
						{team.leads ? <span className="tag tag-inline">You lead it</span> : null}:{' '}
						<Link to={assignmentsHref(slug, { subcommitteeId: team.id, status: 'open' })}>
							{plural(team.openCount, 'open assignment')}
						</Link>
					</h3>
					{team.items.length === 0 ? (
						<p className="muted">No open work besides yours.</p>
					) : (
						<ul className="work-list">
							{team.items.map((item) => (
								<DashboardWorkItem key={item.id} slug={slug} item={item} show="assignee" />
							))}
						</ul>
					)}
					{team.othersCount > team.items.length ? (
						<p className="work-more">
							<Link to={assignmentsHref(slug, { subcommitteeId: team.id, status: 'open' })}>
								See all {formatNumber(team.openCount)} open in {team.name}
							</Link>
						</p>
					) : null}
				</div>
			))}
		</section>
	)
}
