import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, redirect, useNavigation } from 'react-router'
import styles from '#app/styles/versions.css?url'
import { getServices } from '#server/context.server.ts'
import { restoreSectionVersion } from '#server/sections/restore-version.server.ts'
import { listSectionVersions } from '#server/sections/section-versions.server.ts'
import { requireVersionedSection } from '#server/sections/version-access.server.ts'
import { VERSION_RETENTION } from '#server/sections/version-retention.server.ts'
import { formatDateTime } from '#shared/dates.ts'
import { plural } from '#shared/text.ts'
import { restoreVersionSchema } from '#shared/validation/sections.ts'
import type { Route } from './+types/section-versions'

const KIND_NOTES = {
	auto: 'Kept automatically',
	phase: 'Phase boundary',
	before_restore: 'Kept before a restore',
} as const

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { taskForce, decision, canRestore } = requireVersionedSection(
		context,
		request,
		params.slug,
		params.sectionId,
	)
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug },
		section: decision.section,
		canRestore,
		retention: {
			recentMax: VERSION_RETENTION.recentMax,
			hourlyDays: VERSION_RETENTION.hourlyUntilMs / (24 * 60 * 60 * 1000),
		},
		versions: listSectionVersions(getServices(context).db, params.sectionId).map((version) => ({
			...version,
			note: KIND_NOTES[version.kind],
			when: formatDateTime(version.createdAt, taskForce.timeZone),
		})),
	}
}

/**
 * Restores a version (whoever may write the text now): a new change on top of the history, sent to
 * every open editor, with the text as it was kept as a version of its own.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
	const { viewer } = requireVersionedSection(context, request, params.slug, params.sectionId)
	const submission = parseWithZod(await request.formData(), { schema: restoreVersionSchema })
	if (submission.status !== 'success') {
		const message = Object.values(submission.error ?? {}).flat()[0] ?? 'Choose a version to restore.'
		return data({ error: String(message), notice: null }, { status: 400 })
	}
	const services = getServices(context)
	const outcome = restoreSectionVersion(services, {
		person: viewer,
		sectionId: params.sectionId,
		versionId: submission.value.versionId,
		now: services.now().getTime(),
	})
	if (!outcome.ok) return data({ error: outcome.message, notice: null }, { status: outcome.status })
	if (!outcome.changed) {
		return { error: null, notice: `“${outcome.label}” reads exactly like the current text: nothing changed.` }
	}
	return redirect(
		`${href('/t/:slug/sections/:sectionId', { slug: params.slug, sectionId: params.sectionId })}?restored=1`,
		303,
	)
}

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Versions of ${data.section.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function SectionVersions({ loaderData, actionData }: Route.ComponentProps) {
	const { section, versions, canRestore, taskForce, retention } = loaderData
	const busy = useNavigation().state === 'submitting'
	const base = href('/t/:slug/sections/:sectionId', { slug: taskForce.slug, sectionId: section.id })
	return (
		<>
			<header className="page-header">
				<p className="eyebrow">
					<Link to={base}>← {section.title}</Link>
				</p>
				<h1>Versions</h1>
				<p className="lede">
					The text of this section as it stood at earlier moments: kept automatically while it is written (at
					most every 10 minutes, and when the last writer leaves), at each phase boundary, and just before any
					restore. Compare one with the current text, or restore it: restoring is a new change that everyone
					editing sees arrive, and the text it replaces is kept as a version too.
				</p>
			</header>
			{actionData?.error ? (
				<p className="form-error" role="alert">
					{actionData.error}
				</p>
			) : null}
			{actionData?.notice ? (
				<p className="notice" role="status">
					{actionData.notice}
				</p>
			) : null}
			<section className="card" aria-labelledby="versions-heading">
				<div className="card-header">
					<h2 id="versions-heading">Saved versions</h2>
					<span className="count">{plural(versions.length, 'version')}</span>
				</div>
				{versions.length === 0 ? (
					<p className="list-detail">
						None yet. A version is kept as soon as someone starts writing here, and at every phase boundary.
					</p>
				) : (
					<ol className="list">
						{versions.map((version) => (
							<li key={version.id} className="list-row version-row">
								<span>
									<span className="list-title">
										<Link
											to={href('/t/:slug/sections/:sectionId/versions/:versionId', {
												slug: taskForce.slug,
												sectionId: section.id,
												versionId: version.id,
											})}
										>
											{version.label}
										</Link>
									</span>
									<span className="list-detail">
										{version.note} · {version.when}
										{version.createdBy ? ` · by ${version.createdBy}` : ''} · {plural(version.words, 'word')}
									</span>
									{version.authors.length > 0 ? (
										<span className="list-detail">Changed by {version.authors.join(', ')}</span>
									) : null}
									<span className="list-detail version-excerpt">{version.excerpt || 'Empty.'}</span>
								</span>
								<span className="version-actions">
									<Link
										className="button button-secondary button-small"
										to={href('/t/:slug/sections/:sectionId/versions/:versionId', {
											slug: taskForce.slug,
											sectionId: section.id,
											versionId: version.id,
										})}
									>
										Compare
										<span className="visually-hidden">
											{' '}
											“{version.label}” of {version.when}
										</span>
									</Link>
									{canRestore ? (
										<details className="confirm">
											<summary>
												Restore
												<span className="visually-hidden">
													{' '}
													“{version.label}” of {version.when}
												</span>
												…
											</summary>
											<Form method="post">
												<input type="hidden" name="versionId" value={version.id} />
												<button
													type="submit"
													className="button button-secondary button-small"
													disabled={busy}
												>
													Make this the current text
												</button>
											</Form>
										</details>
									) : null}
								</span>
							</li>
						))}
					</ol>
				)}
			</section>
			<p className="list-detail">
				Kept: every automatic version of the last 24 hours (up to {retention.recentMax}), then one an hour for{' '}
				{retention.hourlyDays} days, then one a day. Phase-boundary versions and those kept before a restore
				are never removed.
			</p>
		</>
	)
}
