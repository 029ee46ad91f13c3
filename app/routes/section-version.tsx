import { data, Form, href, Link, useNavigation } from 'react-router'
import styles from '#app/styles/versions.css?url'
import { getServices } from '#server/context.server.ts'
import { notFound } from '#server/http/responses.server.ts'
import { findSectionVersion } from '#server/sections/section-versions.server.ts'
import { requireVersionedSection } from '#server/sections/version-access.server.ts'
import type { ComparisonRefusal } from '#server/sections/version-comparisons.server.ts'
import { formatDateTime } from '#shared/dates.ts'
import { plural } from '#shared/text.ts'
import type { Route } from './+types/section-version'

export async function loader({ request, params, context }: Route.LoaderArgs) {
	const access = requireVersionedSection(context, request, params.slug, params.sectionId)
	const { taskForce, decision, canRestore } = access
	const { db, collab, versionComparisons } = getServices(context)
	const version = findSectionVersion(db, params.sectionId, params.versionId)
	if (!version) throw notFound()
	// The stored text is the live text once what is applied but not stored is committed.
	collab.flush()
	const compared = await versionComparisons.compare(db, params.sectionId, version.id, access.viewer.id)
	if ('refused' in compared) throw comparisonRefused(compared)
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug },
		section: decision.section,
		canRestore,
		version: {
			id: version.id,
			label: version.label,
			when: formatDateTime(version.createdAt, taskForce.timeZone),
		},
		diff: compared.diff,
		pastText: compared.pastText,
	}
}

function comparisonRefused(refusal: ComparisonRefusal) {
	const wait = plural(refusal.retryAfterSeconds, 'second')
	const message =
		refusal.refused === 'person'
			? `You have compared a lot of text in the last minute. Please try again in ${wait}.`
			: `Convene is comparing many versions for people right now. Please try again in ${wait}.`
	return data(message, {
		status: refusal.refused === 'person' ? 429 : 503,
		headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
	})
}

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: Route.MetaFunction = ({ data }) => [
	{
		title: data ? `${data.version.label}, ${data.version.when} · ${data.section.title} · Convene` : 'Convene',
	},
]

export default function SectionVersion({ loaderData }: Route.ComponentProps) {
	const { section, version, diff, pastText, canRestore, taskForce } = loaderData
	const busy = useNavigation().state === 'submitting'
	const versions = href('/t/:slug/sections/:sectionId/versions', {
		slug: taskForce.slug,
		sectionId: section.id,
	})
	return (
		<>
			<header className="page-header">
				<p className="eyebrow">
					<Link to={versions}>← Versions of {section.title}</Link>
				</p>
				<h1>
					{version.label}, {version.when}
				</h1>
				<p className="lede">
					{diff.comparable
						? diff.added === 0 && diff.removed === 0
							? 'This version reads exactly like the current text.'
							: `Since this version, ${plural(diff.added, 'word')} ${diff.added === 1 ? 'was' : 'were'} added and ${plural(diff.removed, 'word')} removed. Added text is underlined in green; removed text is struck through in red.`
						: 'The two texts differ too much to compare word by word. Below is the text of this version.'}
				</p>
			</header>
			<section className="card" aria-labelledby="diff-heading">
				<div className="card-header">
					<h2 id="diff-heading">{diff.comparable ? 'Changes since this version' : 'Text of this version'}</h2>
				</div>
				<div className="version-diff">
					{diff.comparable
						? diff.parts.map((part, index) =>
								part.kind === 'added' ? (
									// biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
									<ins key={index}>
										<span className="visually-hidden">[added: </span>
										{part.text}
										<span className="visually-hidden">]</span>
									</ins>
								) : part.kind === 'removed' ? (
									// biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
									<del key={index}>
										<span className="visually-hidden">[removed: </span>
										{part.text}
										<span className="visually-hidden">]</span>
									</del>
								) : (
									// biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
									<span key={index}>{part.text}</span>
								),
							)
						: pastText || 'Empty.'}
				</div>
			</section>
			{canRestore ? (
				<Form method="post" action={versions} className="version-restore">
					<input type="hidden" name="versionId" value={version.id} />
					<button type="submit" className="button" disabled={busy}>
						Restore this version
					</button>
					<span className="list-detail">
						It becomes the current text as a new change; the text it replaces is kept as a version.
					</span>
				</Form>
			) : null}
		</>
	)
}
