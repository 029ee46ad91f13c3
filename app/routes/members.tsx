import { RosterTable } from '#app/components/roster-table.tsx'
import { getServices } from '#server/context.server.ts'
import { listRoster } from '#server/task-forces/members.server.ts'
import { requireTaskForce } from '#server/task-forces/task-forces.server.ts'
import { ROLES } from '#shared/domain.ts'
import { ROLE_LABELS, ROLE_PLURAL_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'
import type { Route } from './+types/members'

export function loader({ params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const taskForce = requireTaskForce(db, params.slug)
	return { taskForce: { name: taskForce.name }, roster: listRoster(db, taskForce.id) }
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Members · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Members({ loaderData }: Route.ComponentProps) {
	const { roster } = loaderData
	const organizations = new Set(roster.map((person) => person.organization).filter(Boolean)).size
	const roleCounts = ROLES.map((role) => ({
		role,
		count: roster.filter((person) => person.role === role).length,
	}))

	return (
		<>
			<header className="page-header">
				<h1>
					Members <span className="count">({formatNumber(roster.length)})</span>
				</h1>
				<p className="lede">
					{plural(roster.length, 'person', 'people')} from {plural(organizations, 'organization')}. Co-chairs
					are listed first.
				</p>
			</header>

			<ul className="tallies" aria-label="Members by role">
				{roleCounts.map(({ role, count }) => (
					<li key={role} className="tally">
						<span className="tally-value">{formatNumber(count)}</span>
						<span className="tally-label">{count === 1 ? ROLE_LABELS[role] : ROLE_PLURAL_LABELS[role]}</span>
					</li>
				))}
			</ul>

			<section className="card" aria-labelledby="roster-heading">
				<div className="card-header">
					<h2 id="roster-heading">Everyone in the task force</h2>
				</div>
				<RosterTable rows={roster} caption="Members of the task force" />
			</section>
		</>
	)
}
