import { parseWithZod } from '@conform-to/zod/v4'
import { data, href, Link, redirect, useNavigation } from 'react-router'
import { SectorMix } from '#app/components/sector-mix.tsx'
import { SubcommitteeCreateForm } from '#app/components/subcommittee-create-form.tsx'
import styles from '#app/styles/subcommittees.css?url'
import { getServices } from '#server/context.server.ts'
import { forbidden } from '#server/http/responses.server.ts'
import { canManageSubcommittees } from '#server/policies/task-force.server.ts'
import { getDeletedSubcommitteeName } from '#server/subcommittees/deleted-subcommittee.server.ts'
import { listSubcommitteeDetails } from '#server/subcommittees/lists.server.ts'
import { createSubcommittee } from '#server/subcommittees/subcommittee-changes.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { plural } from '#shared/text.ts'
import { CreateSubcommitteeSchema } from '#shared/validation/subcommittees.ts'
import type { Route } from './+types/subcommittees'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const { taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	const deletedId = new URL(request.url).searchParams.get('deleted')
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug },
		subcommittees: listSubcommitteeDetails(db, taskForce.id),
		manage: canManageSubcommittees(membership, state),
		deleted: deletedId ? getDeletedSubcommitteeName(db, taskForce.id, deletedId) : null,
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now } = getServices(context)
	const { viewer, taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	if (!canManageSubcommittees(membership, state)) throw forbidden()
	const submission = parseWithZod(await request.formData(), { schema: CreateSubcommitteeSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const outcome = createSubcommittee(db, viewer, taskForce.id, submission.value, now().getTime())
	if (!outcome.ok) {
		return data(
			{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
			{ status: 400 },
		)
	}
	return redirect(
		href('/t/:slug/subcommittees/:subcommitteeId', { slug: taskForce.slug, subcommitteeId: outcome.id }),
	)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Subcommittees · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Subcommittees({ loaderData, actionData }: Route.ComponentProps) {
	const { subcommittees, taskForce, manage, deleted } = loaderData
	const busy = useNavigation().state === 'submitting'
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
				{manage ? (
					<p className="subcommittees-actions">
						<a className="button button-secondary" href="#new-subcommittee">
							New subcommittee
						</a>
					</p>
				) : null}
			</header>

			{deleted ? (
				<p className="notice" role="status">
					{deleted} was deleted.
				</p>
			) : null}

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
								<h2 id={headingId}>
									<Link
										to={href('/t/:slug/subcommittees/:subcommitteeId', {
											slug: taskForce.slug,
											subcommitteeId: subcommittee.id,
										})}
									>
										{subcommittee.name}
									</Link>
								</h2>
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

			{manage ? (
				<section
					className="card subcommittee-new"
					id="new-subcommittee"
					aria-labelledby="new-subcommittee-heading"
				>
					<h2 id="new-subcommittee-heading">New subcommittee</h2>
					<p className="card-hint">
						Give it a name and, if you have it, its charge. Add members and choose a lead on its page next.
					</p>
					<SubcommitteeCreateForm lastResult={actionData?.result} busy={busy} />
				</section>
			) : null}
		</>
	)
}
