import { href } from 'react-router'
import { getViewer, requireViewer } from '#server/auth/viewer.server.ts'
import { getServices, requestInfoContext } from '#server/context.server.ts'
import { canReadEdition } from '#server/policies/publication.server.ts'
import { findChromium, PDF_UNAVAILABLE } from '#server/publication/chromium.server.ts'
import {
	DOWNLOAD_FORMATS,
	type DownloadFormat,
	editionDownload,
} from '#server/publication/downloads.server.ts'
import type { EditionDownload } from '#server/publication/edition-page.server.ts'
import { renderEditionDocument } from '#server/publication/edition-page.server.ts'
import {
	findPublishingTaskForce,
	getEdition,
	listEditions,
	parseEditionNumber,
} from '#server/publication/editions.server.ts'
import { PdfBusy } from '#server/publication/render-pdf.server.ts'
import { getMembership } from '#server/task-forces/membership.server.ts'
import type { Route } from './+types/public-edition'

const EDITION_PATH = new RegExp(`^(\\d{1,4}\\.\\d{1,4})(?:\\.(${DOWNLOAD_FORMATS.join('|')}))?$`)

function plain(status: number, message: string, headers: Record<string, string> = {}) {
	return new Response(`${message}\n`, {
		status,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
	})
}

/**
 * A published edition at a stable address: `/p/<slug>` (the latest), `/p/<slug>/<edition>` (one
 * edition's page) and `/p/<slug>/<edition>.<docx|pdf|md|html>` (its downloads). Anyone may read
 * them once a co-chair has opened the public page; until then only members (signed out: sign in
 * first; signed in and not a member: 404, as for every page of a task force). The page shows the
 * edition and nothing else of the task force.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, config } = getServices(context)
	const taskForce = findPublishingTaskForce(db, params.slug)
	const viewer = getViewer(context)
	const membership = taskForce && viewer ? getMembership(db, taskForce.id, viewer.id) : null
	if (!taskForce?.publicPage && !viewer) requireViewer(context, request)
	if (!taskForce || !canReadEdition(membership, taskForce.publicPage)) return plain(404, 'Not Found')

	const match = params.edition === undefined ? null : EDITION_PATH.exec(params.edition)
	if (params.edition !== undefined && !match) return plain(404, 'No such edition.')
	const editions = listEditions(db, taskForce.id)
	const latest = editions[0]
	if (!latest) return plain(404, 'No edition of this task force has been published yet.')
	const wanted = match ? parseEditionNumber(match[1] as string) : latest
	const edition = wanted ? getEdition(db, taskForce.id, wanted) : null
	if (!edition) return plain(404, `There is no edition ${match?.[1] ?? ''}. The latest is ${latest.number}.`)

	const origin = config.publicOrigin ?? new URL(request.url).origin
	const address = (edition: string) => href('/p/:slug/:edition', { slug: taskForce.slug, edition })
	const base = address('')
	const url = origin + address(edition.number)
	// A closed page's editions are members' business: not kept by shared caches or search engines.
	const visibility: Record<string, string> = taskForce.publicPage
		? { 'Cache-Control': 'public, max-age=300' }
		: { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }
	const chromium = findChromium(config.chromiumPath)

	const format = match?.[2] as DownloadFormat | undefined
	if (format) {
		try {
			const download = await editionDownload(db, format, { edition, taskForce, url, chromium })
			if (!download) return plain(503, PDF_UNAVAILABLE)
			return new Response(typeof download.body === 'string' ? download.body : Buffer.from(download.body), {
				headers: {
					'Content-Type': download.contentType,
					'Content-Disposition': `attachment; filename="${download.fileName}"`,
					...visibility,
				},
			})
		} catch (error) {
			if (error instanceof PdfBusy) return plain(503, error.message, { 'Retry-After': '30' })
			throw error
		}
	}

	const link = (ext: DownloadFormat) => address(`${edition.number}.${ext}`)
	const downloads: EditionDownload[] = [
		{ format: 'pdf', label: 'PDF (tagged for screen readers)', href: link('pdf') },
		{ format: 'docx', label: 'Word document (DOCX)', href: link('docx') },
		{ format: 'md', label: 'Markdown', href: link('md') },
		{ format: 'html', label: 'HTML, one file', href: link('html') },
	]
	if (!chromium) downloads[0] = { ...downloads[0], label: 'PDF', note: PDF_UNAVAILABLE } as EditionDownload
	const html = renderEditionDocument({
		edition,
		taskForce,
		url,
		page: { nonce: context.get(requestInfoContext).nonce, base, downloads, editions, latest: latest.number },
	})
	return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', ...visibility } })
}
