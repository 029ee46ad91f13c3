import { Form, href, Link, useNavigation } from 'react-router'
import { useLiveRevalidation } from '#app/components/document-live.tsx'
import { whileBusy } from '#app/components/forms.tsx'
import { PublishForm } from '#app/components/publish-form.tsx'
import { ReadAccessibility } from '#app/components/read-accessibility.tsx'
import { actionReply, respond } from '#app/forms/action-reply.ts'
import styles from '#app/styles/read.css?url'
import { getServices } from '#server/context.server.ts'
import { setPublicPage } from '#server/publication/public-page.server.ts'
import { publishEdition } from '#server/publication/publish.server.ts'
import { getReadView } from '#server/publication/read-view.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { requireDocument } from '#server/task-forces/documents.server.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'
import { publicPageSchema, publishEditionSchema } from '#shared/validation/publication.ts'
import type { Route } from './+types/document-read'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const document = requireDocument(db, access.taskForce.id, params.documentId)
	return {
		taskForce: { name: access.taskForce.name, slug: access.taskForce.slug },
		document: { id: document.id, title: document.title },
		...getReadView(db, access, document.id),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now, collab } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const document = requireDocument(db, access.taskForce.id, params.documentId)
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'publish') {
		const parsed = publishEditionSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) {
			return respond(
				actionReply(intent, { error: parsed.error.issues[0]?.message ?? 'Check the form.' }),
				400,
			)
		}
		const outcome = publishEdition(db, collab, {
			taskForceId: access.taskForce.id,
			documentId: document.id,
			actor: access.viewer,
			reason: parsed.data.reason,
			changeNote: parsed.data.changeNote,
			now: now().getTime(),
		})
		if (!outcome.ok)
			return respond(actionReply(intent, { about: outcome.field, error: outcome.message }), 400)
		return respond(actionReply(intent, { notice: `Edition ${outcome.number} is published.` }))
	}
	if (intent === 'public-page') {
		const parsed = publicPageSchema.safeParse(Object.fromEntries(formData))
		const open = parsed.success && parsed.data.open === 'on'
		const { changed } = setPublicPage(db, access.viewer, access.taskForce.id, open, now().getTime())
		const words = open
			? 'The public page is open: anyone with the address can read the editions.'
			: 'The public page is closed: only members can read the editions.'
		return respond(actionReply(intent, { notice: changed ? words : 'Nothing changed.' }))
	}
	return respond(actionReply(intent, { error: 'Unknown action.' }), 400)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Read: ${data.document.title} · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function DocumentRead({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, document, sections, findings, editions, publish, manage } = loaderData
	const busy = useNavigation().state !== 'idle'
	useLiveRevalidation()
	const words = sections.reduce((sum, section) => sum + section.wordCount, 0)
	return (
		<>
			<header className="page-header">
				<p className="eyebrow">
					<Link
						to={href('/t/:slug/documents/:documentId', { slug: taskForce.slug, documentId: document.id })}
					>
						← Outline of {document.title}
					</Link>
				</p>
				<h1>{document.title}</h1>
				<p className="lede">
					The whole document as readers will get it: {plural(sections.length, 'section')},{' '}
					{formatNumber(words)} words. Pending suggestions are left out and comments are not shown. It updates
					as people write.
				</p>
			</header>
			{actionData?.notice ? (
				<p className="notice" role="status">
					{actionData.notice}
				</p>
			) : null}
			{actionData?.error && actionData.intent !== 'publish' ? (
				<p className="form-error" role="alert">
					{actionData.error}
				</p>
			) : null}

			<div className="read-layout">
				<div className="read-side">
					<ReadAccessibility taskForceSlug={taskForce.slug} findings={findings} />
					{publish ? <PublishForm publish={publish} actionData={actionData} busy={busy} /> : null}
					<section className="card" aria-labelledby="editions-heading">
						<h2 id="editions-heading">Editions</h2>
						{editions.length === 0 ? (
							<p className="card-hint">None published yet.</p>
						) : (
							<ul className="list">
								{editions.map((edition) => (
									<li key={edition.id}>
										<a href={href('/p/:slug/:edition', { slug: taskForce.slug, edition: edition.number })}>
											Edition {edition.number}
										</a>
										{edition.changeNote ? ` — ${edition.changeNote}` : ''}
									</li>
								))}
							</ul>
						)}
						{manage.publicPage ? (
							<Form method="post" className="form">
								<input type="hidden" name="intent" value="public-page" />
								<label>
									<input
										type="checkbox"
										name="open"
										defaultChecked={loaderData.publicPage}
										aria-describedby="public-page-hint"
									/>{' '}
									Anyone may read the editions, without signing in
								</label>
								<p id="public-page-hint" className="field-hint">
									At /p/{taskForce.slug}. Shows the editions only: no members, drafts or comments. Off by
									default.
								</p>
								<button type="submit" className="button button-secondary" {...whileBusy(busy)}>
									Save
								</button>
							</Form>
						) : null}
						{manage.records ? (
							<p>
								<a href={href('/t/:slug/records.zip', { slug: taskForce.slug })} download>
									Download the records archive (ZIP)
								</a>
								<span className="field-hint">
									{' '}
									Every version, comment, review decision and the activity log, with a manifest of hashes.
								</span>
							</p>
						) : null}
					</section>
					<nav className="card read-contents" aria-labelledby="contents-heading">
						<h2 id="contents-heading">Contents</h2>
						<ol>
							{sections.map((section) => (
								<li key={section.id}>
									<a href={`#read-${section.id}`}>{section.title}</a>
									<span className="read-facts">
										{SECTION_STATUS_LABELS[section.status]}
										{section.subcommittee ? ` · ${section.subcommittee}` : ''}
									</span>
								</li>
							))}
						</ol>
					</nav>
				</div>
				<div className="read-text">
					{sections.map((section) => (
						<section key={section.id} id={`read-${section.id}`} aria-labelledby={`read-${section.id}-title`}>
							<h2 id={`read-${section.id}-title`}>
								{section.number}. {section.title}
							</h2>
							<p className="read-facts">
								{SECTION_STATUS_LABELS[section.status]}
								{section.subcommittee ? ` · ${section.subcommittee}` : ''}
								{section.unsettled ? ` · ${section.unsettled}` : ''} ·{' '}
								<Link
									to={href('/t/:slug/sections/:sectionId', { slug: taskForce.slug, sectionId: section.id })}
								>
									Open the section
								</Link>
							</p>
							{/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderSectionHtml escapes every word and writes only known tags and web or mail links (tests/shared/publication/content.test.ts). */}
							<div className="read-body" dangerouslySetInnerHTML={{ __html: section.html }} />
						</section>
					))}
				</div>
			</div>
		</>
	)
}
