import { data, Form, Link, redirect, useNavigation } from 'react-router'
import { recordActivity } from '#server/activity/record.server.ts'
import { forbidden, notFound, requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { decideSectionAccess } from '#server/sections/section-access.server.ts'
import { listSectionVersions, restoreUpdate } from '#server/sections/section-versions.server.ts'
import { formatDateTime } from '#shared/dates.ts'
import { plural } from '#shared/text.ts'
import type { Route } from './+types/section-versions'

/** The section, if it belongs to this task force; 404 otherwise (existence stays private). */
function requireSection(
	context: Route.LoaderArgs['context'],
	request: Request,
	slug: string,
	sectionId: string,
) {
	const access = requireTaskForceAccess(context, request, slug)
	const decision = decideSectionAccess(getServices(context).db, access.viewer, sectionId)
	if (!decision || decision.taskForce.id !== access.taskForce.id) throw notFound()
	return { ...access, decision }
}

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { taskForce, membership, state, decision } = requireSection(
		context,
		request,
		params.slug,
		params.sectionId,
	)
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug, timeZone: taskForce.timeZone },
		section: decision.section,
		canRestore: membership.role === 'co_chair' && state.status === 'active',
		versions: listSectionVersions(getServices(context).db, params.sectionId).map((version) => ({
			...version,
			when: formatDateTime(version.createdAt, taskForce.timeZone),
		})),
	}
}

/** A co-chair restores a version: a new change on top of the history, sent to every open editor. */
export async function action({ request, params, context }: Route.ActionArgs) {
	const { viewer, taskForce, membership, state, decision } = requireSection(
		context,
		request,
		params.slug,
		params.sectionId,
	)
	if (membership.role !== 'co_chair' || state.status !== 'active') {
		throw forbidden('Only co-chairs of an active task force restore versions.')
	}
	const { db, collab } = getServices(context)
	const versionId = String((await request.formData()).get('versionId') ?? '')
	collab.flush()
	const version = listSectionVersions(db, params.sectionId).find((entry) => entry.id === versionId)
	const update = restoreUpdate(db, params.sectionId, versionId)
	if (!version || !update)
		return data({ error: 'That version no longer exists. Reload the page.' }, { status: 400 })
	if (update.byteLength > 0) collab.applyServerUpdate(params.sectionId, update, { userId: viewer.id })
	recordActivity(db, {
		taskForceId: taskForce.id,
		actorId: viewer.id,
		verb: 'section.version_restored',
		subjectType: 'section',
		subjectId: params.sectionId,
		data: { title: decision.section.title, label: version.label },
	})
	return redirect(`/t/${params.slug}/sections/${params.sectionId}`, 303)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Versions of ${data.section.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function SectionVersions({ loaderData, actionData }: Route.ComponentProps) {
	const { section, versions, canRestore, taskForce } = loaderData
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<header className="page-header">
				<p className="eyebrow">
					<Link to={`/t/${taskForce.slug}/sections/${section.id}`}>← {section.title}</Link>
				</p>
				<h1>Versions</h1>
				<p className="lede">
					The text of this section as it stood at each phase boundary. Restoring one makes it the current text
					as a new change: nothing is erased from the history, and anyone editing sees it arrive.
				</p>
			</header>
			{actionData?.error ? (
				<p className="form-error" role="alert">
					{actionData.error}
				</p>
			) : null}
			<section className="card" aria-labelledby="versions-heading">
				<div className="card-header">
					<h2 id="versions-heading">Saved versions</h2>
					<span className="count">{plural(versions.length, 'version')}</span>
				</div>
				{versions.length === 0 ? (
					<p className="list-detail">
						None yet. A version of every section is saved each time the task force moves to its next phase.
					</p>
				) : (
					<ol className="list">
						{versions.map((version) => (
							<li key={version.id} className="list-row">
								<span>
									<span className="list-title">{version.label}</span>
									<span className="list-detail">
										{version.when}
										{version.createdBy ? ` · by ${version.createdBy}` : ''} · {plural(version.words, 'word')}
									</span>
									<span className="list-detail">{version.excerpt || 'Empty.'}</span>
								</span>
								{canRestore ? (
									<details className="confirm">
										<summary>
											Restore<span className="visually-hidden"> “{version.label}”</span>…
										</summary>
										<Form method="post">
											<input type="hidden" name="versionId" value={version.id} />
											<button type="submit" className="button button-secondary button-small" disabled={busy}>
												Make “{version.label}” the current text
											</button>
										</Form>
									</details>
								) : null}
							</li>
						))}
					</ol>
				)}
			</section>
		</>
	)
}
