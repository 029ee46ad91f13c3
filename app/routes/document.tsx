import { useEffect, useRef } from 'react'
import { href, Link, useNavigation } from 'react-router'
import { DocumentComments } from '#app/components/document-comments.tsx'
import { useLiveRevalidation } from '#app/components/document-live.tsx'
import { DocumentOutline } from '#app/components/document-outline.tsx'
import { DocumentRemovedSections } from '#app/components/document-removed-sections.tsx'
import { SectionAddForm } from '#app/components/section-form.tsx'
import { moveButtonId } from '#app/components/section-manage.tsx'
import styles from '#app/styles/document.css?url'
import { listDocumentThreads } from '#server/comments/panel.server.ts'
import { getServices } from '#server/context.server.ts'
import { getOutlinePage } from '#server/sections/outline-page.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { requireDocument } from '#server/task-forces/documents.server.ts'
import { todayIn } from '#shared/dates.ts'
import { SECTION_STATUSES } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'
import type { Route } from './+types/document'
import { handleOutlineAction } from './document.server.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now, collab } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const document = requireDocument(db, access.taskForce.id, params.documentId)
	const at = now()
	const mentioning = new URL(request.url).searchParams.get('comments') === 'mentions'
	return {
		taskForce: { name: access.taskForce.name, slug: access.taskForce.slug },
		comments: {
			mentioning,
			list: listDocumentThreads(
				db,
				document.id,
				mentioning ? { mentioning: access.viewer.id } : { open: true },
			),
		},
		today: todayIn(access.taskForce.timeZone, at),
		document,
		...getOutlinePage(db, collab, access, document.id, at),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now, collab } = getServices(context)
	// Non-members get 404 here; who may do what is decided per intent (403 otherwise).
	const access = requireTaskForceAccess(context, request, params.slug)
	const document = requireDocument(db, access.taskForce.id, params.documentId)
	const formData = await request.formData()
	return handleOutlineAction(db, access, document.id, formData, now(), collab)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `${data.document.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Document({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, document, sections, removed, manage, subcommittees, context, today, comments } =
		loaderData
	// React Router hands over the action's answer while the page's data is still reloading; the
	// answer waits until the outline matches it, and buttons stay off until then, so nothing is
	// clicked against the old order.
	const busy = useNavigation().state !== 'idle'
	const feedback = useRef<HTMLParagraphElement>(null)
	const handled = useRef<unknown>(null)
	useLiveRevalidation()

	// A moved section changes place in the list: keep focus on its move button (or the other one
	// once it reaches an end), so a keyboard user can keep moving it. Any other answer takes focus,
	// so it is read out and seen; field errors stay next to their fields instead.
	useEffect(() => {
		if (!actionData || busy || handled.current === actionData) return
		handled.current = actionData
		const { intent, about: sectionId, direction, error, result } = actionData
		if (intent === 'move' && sectionId && !error) {
			const button = [direction, direction === 'up' ? 'down' : 'up']
				.map((which) => window.document.getElementById(moveButtonId(sectionId, which as 'up' | 'down')))
				.find((candidate) => candidate instanceof HTMLButtonElement && !candidate.disabled)
			button?.focus()
		} else if (result?.status !== 'error') feedback.current?.focus()
	}, [actionData, busy])

	const words = sections.reduce((sum, section) => sum + section.wordCount, 0)
	const target = sections.reduce((sum, section) => sum + (section.targetWords ?? 0), 0)
	const tallies = SECTION_STATUSES.map((status) => ({
		status,
		count: sections.filter((section) => section.status === status).length,
	}))
	const answer = busy ? null : (actionData?.error ?? actionData?.notice ?? null)

	return (
		<>
			<header className="page-header">
				<p className="eyebrow">Document</p>
				<h1>{document.title}</h1>
				{document.summary ? <p className="lede">{document.summary}</p> : null}
				<p>
					<Link
						className="button button-secondary"
						to={href('/t/:slug/documents/:documentId/read', {
							slug: taskForce.slug,
							documentId: document.id,
						})}
					>
						Read the whole document
					</Link>{' '}
					<span className="field-hint">with its accessibility check, editions and publishing</span>
				</p>
			</header>

			<ul className="tallies" aria-label="Sections by status">
				{tallies.map(({ status, count }) => (
					<li key={status} className="tally">
						<span className="tally-value">{formatNumber(count)}</span>
						<span className="tally-label">{SECTION_STATUS_LABELS[status]}</span>
					</li>
				))}
				<li className="tally">
					<span className="tally-value">{formatNumber(words)}</span>
					<span className="tally-label">
						{target > 0 ? `of ${formatNumber(target)} target words` : 'words'}
					</span>
				</li>
			</ul>

			{answer ? (
				<p
					ref={feedback}
					tabIndex={-1}
					className={actionData?.error ? 'form-error' : 'notice'}
					role={actionData?.error ? 'alert' : 'status'}
				>
					{answer}
				</p>
			) : null}

			<section className="card" aria-labelledby="sections-heading">
				<div className="card-header">
					<h2 id="sections-heading">Sections</h2>
					<span className="count">{plural(sections.length, 'section')} in reading order</span>
				</div>
				<p className="card-hint">
					Open a section to read or write it. “Here now” shows who has it open and refreshes every few
					seconds.
				</p>
				{sections.length === 0 ? (
					<p className="list-detail">
						This document has no sections yet.{manage ? ' Add the first one below.' : ''}
					</p>
				) : (
					<DocumentOutline
						slug={taskForce.slug}
						sections={sections}
						today={today}
						manage={manage ? { subcommittees, context } : null}
						formId={actionData?.formId ?? null}
						lastResult={actionData?.result}
						busy={busy}
					/>
				)}
			</section>

			<DocumentComments
				slug={taskForce.slug}
				documentId={document.id}
				list={comments.list}
				mentioning={comments.mentioning}
			/>

			{manage ? (
				<>
					<section className="card" aria-labelledby="add-section-heading">
						<h2 id="add-section-heading">Add a section</h2>
						<p className="card-hint">
							It goes at the end of the outline, not started, with an empty text; move it where it belongs.
						</p>
						<SectionAddForm
							subcommittees={subcommittees}
							context={context}
							lastResult={actionData?.formId === 'section-add' ? actionData.result : undefined}
							busy={busy}
						/>
					</section>
					<section className="card" aria-labelledby="removed-heading">
						<div className="card-header">
							<h2 id="removed-heading">Removed sections</h2>
							{removed.length > 0 ? <span className="count">{removed.length}</span> : null}
						</div>
						<DocumentRemovedSections sections={removed} busy={busy} />
					</section>
				</>
			) : null}
		</>
	)
}
