import { lazy, Suspense, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { href, Link, useNavigation } from 'react-router'
import { CommentsPanel } from '#app/components/comments-panel.tsx'
import type { CommentDraft } from '#app/components/editor/comment-selection.client.ts'
import { EditorPlaceholder } from '#app/components/editor/editor-placeholder.tsx'
import { SectionReviews } from '#app/components/section-reviews.tsx'
import styles from '#app/styles/editor.css?url'
import { getCommentPanel } from '#server/comments/panel.server.ts'
import { getServices } from '#server/context.server.ts'
import { notFound } from '#server/http/responses.server.ts'
import { getReviewPanel } from '#server/sections/reviews.server.ts'
import { decideSectionAccess } from '#server/sections/section-access.server.ts'
import { getMemberNames, getOrganizationName, getSectionPage } from '#server/sections/section-page.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { textAccessOf } from '#shared/collab/access.ts'
import { presenceUser } from '#shared/collab/presence.ts'
import { formatDate, formatDateTime, formatRelativeTime, todayIn } from '#shared/dates.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'
import type { Route } from './+types/section'
import { handleSectionAction } from './section.server.ts'

// The editor (TipTap, Yjs, IndexedDB, the socket) runs only in the browser, in its own chunk.
const SectionEditor = lazy(() =>
	import('#app/components/editor/section-editor.client.tsx').then((module) => ({
		default: module.SectionEditor,
	})),
)

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { viewer, taskForce } = requireTaskForceAccess(context, request, params.slug)
	const section = getSectionPage(db, taskForce.id, params.sectionId)
	if (!section) throw notFound()
	const decision = decideSectionAccess(db, viewer, section.id)
	if (!decision || decision.access === 'none' || !decision.role) throw notFound()
	const at = now()
	const comments = getCommentPanel(db, viewer, section.id, taskForce.timeZone)
	const reviews = getReviewPanel(db, viewer, section.id, taskForce.timeZone)
	if (!comments || !reviews) throw notFound()
	return {
		comments,
		reviews,
		names: getMemberNames(db, taskForce.id),
		taskForce: { slug: taskForce.slug, name: taskForce.name },
		today: todayIn(taskForce.timeZone, at),
		section: {
			...section,
			// Worded on the server so the browser hydrates the very same text.
			lastEdited:
				section.lastEditedAt === null
					? null
					: {
							iso: new Date(section.lastEditedAt).toISOString(),
							relative: formatRelativeTime(section.lastEditedAt, at.getTime()),
							exact: formatDateTime(section.lastEditedAt, taskForce.timeZone),
						},
		},
		access: textAccessOf(decision.access),
		readOnlyReason: decision.readOnlyReason,
		// Set by the versions page after a restore: said once, where the restored text is.
		restored: new URL(request.url).searchParams.get('restored') === '1',
		// The very `user` the collaboration server writes into this person's presence for others.
		viewer: presenceUser(viewer, getOrganizationName(db, viewer.organizationId), decision.role),
	}
}

/** The Comments panel's and Reviews card's forms; who may do what is decided by each operation. */
export async function action({ request, params, context }: Route.ActionArgs) {
	const services = getServices(context)
	const { viewer, taskForce } = requireTaskForceAccess(context, request, params.slug)
	const section = getSectionPage(services.db, taskForce.id, params.sectionId)
	if (!section) throw notFound()
	return handleSectionAction(services, viewer, section.id, await request.formData(), services.now())
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `${data.section.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

const subscribeNever = () => () => {}

/** False while the server renders and during hydration, true after: the editor needs a browser. */
function useHydrated(): boolean {
	return useSyncExternalStore(
		subscribeNever,
		() => true,
		() => false,
	)
}

export default function Section({ loaderData, actionData }: Route.ComponentProps) {
	const { section, taskForce, access, readOnlyReason, viewer, today, restored, comments, reviews, names } =
		loaderData
	const busy = useNavigation().state === 'submitting'
	const hydrated = useHydrated()
	// The stored count is written every few seconds; the open editor counts as people type.
	const [words, setWords] = useState(section.wordCount)
	const people = useMemo(
		() =>
			Object.entries(names)
				.map(([id, name]) => ({ id, name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		[names],
	)
	const [draft, setDraft] = useState<CommentDraft | null>(null)
	const [anchored, setAnchored] = useState<string[] | null>(null)
	const endDraft = useCallback(() => setDraft(null), [])
	// A posted comment closes its form; a refused one keeps it, with the reason.
	useEffect(() => {
		if (actionData?.intent === 'comment-start' && actionData.notice) setDraft(null)
	}, [actionData])
	const late = section.dueOn !== null && section.dueOn < today && section.status !== 'approved'
	const placeholder = <EditorPlaceholder access={access} readOnlyReason={readOnlyReason} />
	const versions = href('/t/:slug/sections/:sectionId/versions', {
		slug: taskForce.slug,
		sectionId: section.id,
	})

	return (
		<>
			<header className="page-header section-header">
				<nav aria-label="Breadcrumb" className="breadcrumb">
					<Link
						to={href('/t/:slug/documents/:documentId', {
							slug: taskForce.slug,
							documentId: section.document.id,
						})}
					>
						{section.document.title}
					</Link>
				</nav>
				<h1>{section.title}</h1>
				<dl className="section-facts">
					<div>
						<dt>Status</dt>
						<dd>
							<span className={`state state-${section.status}`}>{SECTION_STATUS_LABELS[section.status]}</span>
						</dd>
					</div>
					<div>
						<dt>Owner</dt>
						<dd>{section.subcommittee?.name ?? <span className="muted">No subcommittee</span>}</dd>
					</div>
					<div>
						<dt>Length</dt>
						<dd>
							{formatNumber(words)}
							{section.targetWords ? ` of ${formatNumber(section.targetWords)}` : ''} words
						</dd>
					</div>
					<div>
						<dt>Due</dt>
						<dd>
							{section.dueOn ? formatDate(section.dueOn) : <span className="muted">No due date</span>}
							{late ? <span className="state state-overdue">Overdue</span> : null}
						</dd>
					</div>
					{section.lastEdited ? (
						<div>
							<dt>Last edited</dt>
							<dd>
								<time dateTime={section.lastEdited.iso} title={section.lastEdited.exact}>
									{section.lastEdited.relative}
								</time>
								{section.lastEditedBy ? ` by ${section.lastEditedBy}` : null}
							</dd>
						</div>
					) : null}
					<div>
						<dt>History</dt>
						<dd>
							<Link to={versions}>Saved versions</Link>
						</dd>
					</div>
				</dl>
				{section.statusNote && section.status === 'drafting' ? (
					<p className="note-warning section-note">
						<strong>Sent back with a note:</strong> {section.statusNote}
					</p>
				) : null}
			</header>

			<SectionReviews panel={reviews} reply={actionData} busy={busy} />
			{restored ? (
				<p className="notice" role="status">
					The version was restored: it is the current text, and everyone editing has it. The text it replaced
					is kept in <Link to={versions}>Saved versions</Link>.
				</p>
			) : null}
			{hydrated ? (
				<Suspense fallback={placeholder}>
					<SectionEditor
						sectionId={section.id}
						title={section.title}
						access={access}
						readOnlyReason={readOnlyReason}
						user={viewer}
						versionsHref={versions}
						onWords={setWords}
						canComment={comments.canComment}
						onComment={setDraft}
						onAnchors={setAnchored}
						names={names}
					/>
				</Suspense>
			) : (
				placeholder
			)}
			<CommentsPanel
				panel={comments}
				reply={actionData}
				busy={busy}
				draft={draft}
				onDraftDone={endDraft}
				anchored={anchored}
				people={people}
			/>
		</>
	)
}
