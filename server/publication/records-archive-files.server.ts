import type { SectionVersionKind } from '#shared/domain.ts'
import { escapeHtml } from '#shared/publication/render-html.ts'

/**
 * The records archive (issue 14): a task force's drafts, comments and decisions as readable files
 * — every stored version of every section as HTML and Markdown, the comment threads, the review
 * decisions, the activity log — with a manifest of dates, authors and SHA-256 hashes, in one ZIP.
 *
 * It is built in memory, in one read transaction (one consistent moment of the records; WAL readers
 * do not hold up the writer). Order of size: the demo `genai` as seeded (nine sections, no stored
 * versions yet, two threads, ~120 activity rows) is 26 files, 0.1 MB, 28 KB zipped, built in about
 * 0.1 s; each stored version adds ~3 KB of HTML and Markdown per page of text (one version of every
 * section: 53 files, 0.13 MB). A section keeps at most a few hundred versions (the retention rule:
 * 200 of the last day, hourly for a week, then daily), so a large, long task force reaches tens
 * to hundreds of MB, all held in memory at once (files, then the ZIP); past
 * `MAX_UNCOMPRESSED_BYTES` the export is refused rather than taking the process's memory.
 */
const MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024

type RecordsFileKind =
	| 'readme'
	| 'checksums'
	| 'version-html'
	| 'version-markdown'
	| 'current-html'
	| 'current-markdown'
	| 'comments'
	| 'reviews-markdown'
	| 'reviews-json'
	| 'activity-csv'
	| 'activity-json'

export type RecordsManifestFile = {
	path: string
	bytes: number
	/** SHA-256 of the file's exact bytes in the ZIP, hex. */
	sha256: string
	kind: RecordsFileKind
	/** The section's title, for a section's files. */
	section?: string
	/** When the version was kept (ISO 8601, UTC); for the current text, when it was last edited. */
	createdAt?: string
	/** Who changed the text since the version before, as recorded. */
	authors?: string[]
}

export type RecordsManifest = {
	format: 'convene-records/1'
	taskForce: { slug: string; name: string }
	exportedAt: string
	exportedBy: string
	organization: string | null
	files: RecordsManifestFile[]
}

type FileMeta = Omit<RecordsManifestFile, 'path' | 'bytes' | 'sha256'>

export const VERSION_KIND_LABELS: Record<SectionVersionKind, string> = {
	auto: 'Automatic version',
	phase: 'Phase version',
	before_restore: 'Kept before a restore',
}

export const VERSION_KIND_SLUGS: Record<SectionVersionKind, string> = {
	auto: 'auto',
	phase: 'phase',
	before_restore: 'before-restore',
}

export const REVIEW_VERBS = [
	'section.status_changed',
	'section.review_requested',
	'section.reviewed',
	'section.suggestions_decided',
	'section.version_restored',
]

export const iso = (ms: number) => new Date(ms).toISOString()

/** `2026-11-28T150000Z`: an instant as a file name (no colons, which some systems refuse). */
export const fileTime = (ms: number) => `${iso(ms).slice(0, 19).replaceAll(':', '')}Z`

/** Lower-case ASCII letters, digits and single hyphens, at most 60 characters; never empty. */
export function slugOf(title: string, fallback = 'section'): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '')
	return slug === '' ? fallback : slug
}

const SAFE_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/

/** Collects the archive's files, keeping paths unique and safe and the total size bounded. */
export class ArchiveFiles {
	readonly entries: Array<{ path: string; data: Uint8Array; meta: FileMeta }> = []
	readonly #paths = new Set<string>()
	#total = 0
	readonly #encoder = new TextEncoder()

	add(path: string, text: string, meta: FileMeta): string {
		const unique = this.#unique(path)
		if (!SAFE_PATH.test(unique) || unique.split('/').some((part) => part === '..' || part === '.'))
			throw new Error(`Unsafe path in the records archive: ${JSON.stringify(unique)}`)
		const data = this.#encoder.encode(text)
		this.#total += data.byteLength
		if (this.#total > MAX_UNCOMPRESSED_BYTES)
			throw new Error(
				`The records archive would hold more than ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB of files; ` +
					'it is built in memory, so it is refused. Ask an administrator for a backup of the database instead.',
			)
		this.#paths.add(unique)
		this.entries.push({ path: unique, data, meta })
		return unique
	}

	/** `a/b.html`, then `a/b-2.html`, `a/b-3.html` … */
	#unique(path: string): string {
		if (!this.#paths.has(path)) return path
		const slash = path.lastIndexOf('/')
		const dot = path.lastIndexOf('.')
		const cut = dot > slash ? dot : path.length
		for (let n = 2; ; n++) {
			const candidate = `${path.slice(0, cut)}-${n}${path.slice(cut)}`
			if (!this.#paths.has(candidate)) return candidate
		}
	}
}

export function htmlDocument(input: {
	title: string
	heading: string
	facts: Array<[string, string]>
	body: string
}): string {
	const facts = input.facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('\n')
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}header{border-bottom:1px solid #999;margin-bottom:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem}</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.heading)}</h1>
<dl>
${facts}
</dl>
</header>
<main>
${input.body}
</main>
</body>
</html>
`
}

export const timeHtml = (ms: number) => `<time datetime="${iso(ms)}">${iso(ms)}</time>`

/**
 * Names, titles and notes inside a line of Markdown: the characters that would start formatting
 * mid-line are escaped, the rest (dates, hyphens, full stops) stays readable as plain text.
 */
export const md = (text: string) => text.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/\r\n|\r|\n/g, ' ')

export function markdownDocument(heading: string, facts: Array<[string, string]>, body: string): string {
	const lines = facts.map(([term, value]) => `- ${term}: ${value}`)
	return `# ${md(heading)}\n\n${lines.join('\n')}\n\n---\n\n${body === '' ? '_(No text.)_' : body}\n`
}

/** One CSV field (RFC 4180), with a leading formula character neutralised for spreadsheets. */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>()
	for (const row of rows) {
		const group = groups.get(key(row))
		if (group) group.push(row)
		else groups.set(key(row), [row])
	}
	return groups
}

/** `> ` before every line, so a body's own line breaks stay inside its quote. */
export const blockquote = (text: string) =>
	text
		.split(/\r\n|\r|\n/)
		.map((line) => (line === '' ? '>' : `> ${line}`))
		.join('\n')
