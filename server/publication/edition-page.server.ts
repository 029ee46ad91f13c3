import { formatLongDay } from '#shared/dates.ts'
import { escapeHtml } from '#shared/publication/render-html.ts'
import { EDITION_CSS } from './edition-style.ts'
import type { Edition, EditionSummary } from './editions.server.ts'

export type EditionDownload = {
	format: 'docx' | 'pdf' | 'md' | 'html'
	label: string
	href: string
	note?: string
}

type Frame = {
	edition: Edition
	taskForce: { name: string; summary: string; timeZone: string }
	/** The edition's stable address, absolute (`https://…/p/<slug>/1.0`). */
	url: string
	/**
	 * The public page has its downloads and the other editions; a downloaded file (HTML, and the
	 * PDF printed from it) stands alone.
	 */
	page?: {
		nonce: string | undefined
		/** Where the editions live, `/p/<slug>/`. */
		base: string
		downloads: EditionDownload[]
		editions: EditionSummary[]
		latest: string
	}
}

/** "Cite this": the task force as author, the title, the edition, the date and the address. */
function citation(frame: Pick<Frame, 'edition' | 'taskForce' | 'url'>): string {
	const { edition, taskForce } = frame
	const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: taskForce.timeZone }).format(
		edition.publishedAt,
	)
	return `${taskForce.name} (${year}). ${edition.title} (edition ${edition.number}). Published ${formatLongDay(edition.publishedAt, taskForce.timeZone)}. ${frame.url}`
}

function tools(frame: Frame): string {
	if (!frame.page) return ''
	const { base, downloads, editions, latest } = frame.page
	const downloadItems = downloads
		.map(
			(download) =>
				`<li><a href="${escapeHtml(download.href)}">${escapeHtml(download.label)}</a>${download.note ? ` — ${escapeHtml(download.note)}` : ''}</li>`,
		)
		.join('')
	const editionItems = editions
		.map((edition) => {
			const label = `Edition ${edition.number}, ${formatLongDay(edition.publishedAt, frame.taskForce.timeZone)}${edition.changeNote ? ` — ${edition.changeNote}` : ''}`
			return edition.number === frame.edition.number
				? `<li aria-current="page">${escapeHtml(label)} (this one)</li>`
				: `<li><a href="${escapeHtml(base + edition.number)}">${escapeHtml(label)}</a></li>`
		})
		.join('')
	const notice =
		frame.edition.number === latest
			? ''
			: `<p><strong>This is not the latest edition.</strong> <a href="${escapeHtml(base + latest)}">Read edition ${escapeHtml(latest)}</a>.</p>`
	return [
		'<aside class="edition-tools" aria-labelledby="tools-title">',
		'<h2 id="tools-title">Download, cite and other editions</h2>',
		notice,
		'<h3>Downloads</h3>',
		`<ul>${downloadItems}</ul>`,
		'<h3>Editions</h3>',
		`<ul>${editionItems}</ul>`,
		'</aside>',
	].join('\n')
}

/**
 * A complete HTML document of an edition: the frozen body inside semantic landmarks, with Open
 * Graph metadata, a "cite this" line and the edition stylesheet (inline, with the page's CSP
 * nonce on the public page). It shows the edition and nothing else of the task force.
 */
export function renderEditionDocument(frame: Frame): string {
	const { edition, taskForce } = frame
	const title = `${edition.title} — edition ${edition.number}`
	const description = taskForce.summary || `${edition.title}, published by ${taskForce.name}.`
	const nonce = frame.page?.nonce ? ` nonce="${escapeHtml(frame.page.nonce)}"` : ''
	const published = new Date(edition.publishedAt).toISOString()
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta name="author" content="${escapeHtml(taskForce.name)}">
<link rel="canonical" href="${escapeHtml(frame.url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(frame.url)}">
<meta property="og:site_name" content="${escapeHtml(taskForce.name)}">
<meta property="article:published_time" content="${published}">
<style${nonce}>${EDITION_CSS}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to the text</a>
<header class="page"><p>${escapeHtml(taskForce.name)} · edition ${escapeHtml(edition.number)}${frame.page ? ' · <a href="#tools-title">Download PDF, Word, Markdown</a>' : ''}</p></header>
<main id="main">
<article class="edition">
${edition.html}
</article>
${tools(frame)}
</main>
<footer class="page">
<p class="cite"><strong>Cite this:</strong> ${escapeHtml(citation(frame))}</p>
</footer>
</body>
</html>
`
}
