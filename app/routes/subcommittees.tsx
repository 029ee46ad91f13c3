import { SectorMix } from '#app/components/sector-mix.tsx'
import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { listSubcommitteeDetails } from '#server/task-forces/subcommittees.server.ts'
import { plural } from '#shared/text.ts'
import type { Route } from './+types/subcommittees'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	return { taskForce: { name: taskForce.name }, subcommittees: listSubcommitteeDetails(db, taskForce.id) }
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Subcommittees · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Subcommittees({ loaderData }: Route.ComponentProps) {
	const { subcommittees } = loaderData
	return (
		<>
			<header className="page-header">
				<h1>
					Subcommittees <span className="count">({subcommittees.length})</span>
				</h1>
				<p className="lede">
					Each subcommittee researches its charge and writes the sections it owns. The sector mix shows who is
					at each table; the task force is meant to be led by the public sector.
				</p>
			</header>

			{subcommittees.length === 0 ? <p>No subcommittees yet.</p> : null}

			<div className="card-grid">
				{subcommittees.map((subcommittee) => {
					const headingId = `subcommittee-${subcommittee.id}`
					const hasLocalGovernment = subcommittee.sectors.some(
						(entry) => entry.sector === 'local_government' && entry.count > 0,
					)
					return (
						<section key={subcommittee.id} className="card subcommittee" aria-labelledby={headingId}>
							<div className="card-header">
								<h2 id={headingId}>{subcommittee.name}</h2>
								<span className="count">{plural(subcommittee.memberCount, 'member')}</span>
							</div>
							<p className="subcommittee-lead">
								{subcommittee.leadName ? (
									<>
										Lead: <strong>{subcommittee.leadName}</strong>
									</>
								) : (
									'No lead yet'
								)}
							</p>
							{subcommittee.charge ? <p className="subcommittee-charge">{subcommittee.charge}</p> : null}

							<h3 className="subheading">Sector mix</h3>
							<SectorMix counts={subcommittee.sectors} label={`Members of ${subcommittee.name} by sector`} />
							{!hasLocalGovernment ? <p className="note-warning">No local-government member</p> : null}

							<h3 className="subheading">Sections it owns</h3>
							{subcommittee.sections.length > 0 ? (
								<ul className="plain-list">
									{subcommittee.sections.map((section) => (
										<li key={section.id}>{section.title}</li>
									))}
								</ul>
							) : (
								<p className="list-detail">None yet.</p>
							)}
						</section>
					)
				})}
			</div>
		</>
	)
}
