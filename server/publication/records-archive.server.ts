import { createHash } from 'node:crypto'
import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { type Zippable, zipSync } from 'fflate'
import * as Y from 'yjs'
import type { Db, Queryable } from '#db/client.server.ts'
import {
	activity,
	commentMentions,
	comments,
	commentThreads,
	docSnapshots,
	docUpdates,
	documents,
	sectionReviews,
	sections,
	sectionVersionAuthors,
	sectionVersions,
	taskForces,
	users,
} from '#db/schema/index.ts'
import { describeActivity } from '#shared/activity.ts'
import type { SectionStatus, SectionVersionKind } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { type BlockNode, readerContent, readerContentOfState } from '#shared/publication/content.ts'
import { escapeHtml, renderSectionHtml } from '#shared/publication/render-html.ts'
import { renderSectionMarkdown } from '#shared/publication/render-markdown.ts'
import { versionState } from '../sections/version-parts.server.ts'

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

type RecordsManifestFile = {
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

const VERSION_KIND_LABELS: Record<SectionVersionKind, string> = {
	auto: 'Automatic version',
	phase: 'Phase version',
	before_restore: 'Kept before a restore',
}

const VERSION_KIND_SLUGS: Record<SectionVersionKind, string> = {
	auto: 'auto',
	phase: 'phase',
	before_restore: 'before-restore',
}

const REVIEW_VERBS = [
	'section.status_changed',
	'section.review_requested',
	'section.reviewed',
	'section.suggestions_decided',
	'section.version_restored',
]

const iso = (ms: number) => new Date(ms).toISOString()

/** `2026-11-28T150000Z`: an instant as a file name (no colons, which some systems refuse). */
const fileTime = (ms: number) => `${iso(ms).slice(0, 19).replaceAll(':', '')}Z`

/** Lower-case ASCII letters, digits and single hyphens, at most 60 characters; never empty. */
function slugOf(title: string, fallback = 'section'): string {
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
class ArchiveFiles {
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

/** A section's stored text now: snapshot, then every later log row in order (as the server loads it). */
function currentBlocks(db: Queryable, sectionId: string): BlockNode[] {
	const doc = new Y.Doc({ gc: true })
	try {
		const snapshot = db
			.select({ state: docSnapshots.state, seq: docSnapshots.seq })
			.from(docSnapshots)
			.where(eq(docSnapshots.docId, sectionId))
			.get()
		const rows = db
			.select({ data: docUpdates.data })
			.from(docUpdates)
			.where(and(eq(docUpdates.docId, sectionId), gt(docUpdates.seq, snapshot?.seq ?? -1)))
			.orderBy(asc(docUpdates.seq))
			.all()
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot.state)
			for (const row of rows) if (row.data.byteLength > 0) Y.applyUpdate(doc, row.data)
		})
		return readerContent(doc)
	} finally {
		doc.destroy()
	}
}

function htmlDocument(input: {
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

const timeHtml = (ms: number) => `<time datetime="${iso(ms)}">${iso(ms)}</time>`

/**
 * Names, titles and notes inside a line of Markdown: the characters that would start formatting
 * mid-line are escaped, the rest (dates, hyphens, full stops) stays readable as plain text.
 */
const md = (text: string) => text.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/\r\n|\r|\n/g, ' ')

function markdownDocument(heading: string, facts: Array<[string, string]>, body: string): string {
	const lines = facts.map(([term, value]) => `- ${term}: ${value}`)
	return `# ${md(heading)}\n\n${lines.join('\n')}\n\n---\n\n${body === '' ? '_(No text.)_' : body}\n`
}

/** One CSV field (RFC 4180), with a leading formula character neutralised for spreadsheets. */
function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>()
	for (const row of rows) {
		const group = groups.get(key(row))
		if (group) group.push(row)
		else groups.set(key(row), [row])
	}
	return groups
}

/** `> ` before every line, so a body's own line breaks stay inside its quote. */
const blockquote = (text: string) =>
	text
		.split(/\r\n|\r|\n/)
		.map((line) => (line === '' ? '>' : `> ${line}`))
		.join('\n')

/**
 * Builds the records archive of a task force. Reads only. Throws when the task force does not
 * exist or the files would exceed `MAX_UNCOMPRESSED_BYTES`.
 */
export function buildRecordsArchive(
	db: Db,
	input: {
		taskForceId: string
		exportedBy: { id: string; name: string }
		organization: { id: string; name: string } | null
		now: number
	},
): { zip: Uint8Array; manifest: RecordsManifest; fileName: string } {
	const files = new ArchiveFiles()
	const taskForce = db.$client.transaction(() => collectRecords(db, input, files)).deferred()
	// README first, so it is the first thing a listing of the ZIP shows.
	files.entries.sort((a, b) => Number(b.path === 'README.txt') - Number(a.path === 'README.txt'))

	const manifestFiles: RecordsManifestFile[] = files.entries.map(({ path, data, meta }) => ({
		path,
		bytes: data.byteLength,
		sha256: createHash('sha256').update(data).digest('hex'),
		...meta,
	}))
	// SHA256SUMS lists every other file, so `sha256sum -c SHA256SUMS` checks them all at once.
	files.add('SHA256SUMS', manifestFiles.map((file) => `${file.sha256}  ${file.path}\n`).join(''), {
		kind: 'checksums',
	})
	const sums = files.entries.at(-1) as (typeof files.entries)[number]
	manifestFiles.push({
		path: sums.path,
		bytes: sums.data.byteLength,
		sha256: createHash('sha256').update(sums.data).digest('hex'),
		kind: 'checksums',
	})

	const manifest: RecordsManifest = {
		format: 'convene-records/1',
		taskForce: { slug: taskForce.slug, name: taskForce.name },
		exportedAt: iso(input.now),
		exportedBy: input.exportedBy.name,
		organization: input.organization?.name ?? null,
		files: manifestFiles,
	}
	const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)

	const mtime = new Date(input.now)
	const zippable: Zippable = {}
	for (const { path, data } of files.entries) zippable[path] = [data, { mtime }]
	zippable['manifest.json'] = [manifestBytes, { mtime }]
	const zip = zipSync(zippable, { level: 6 })
	return {
		zip,
		manifest,
		fileName: `${slugOf(taskForce.slug, 'task-force')}-records-${iso(input.now).slice(0, 10)}.zip`,
	}
}

function collectRecords(
	db: Db,
	input: Parameters<typeof buildRecordsArchive>[1],
	files: ArchiveFiles,
): { slug: string; name: string } {
	const taskForce = db
		.select({ id: taskForces.id, slug: taskForces.slug, name: taskForces.name })
		.from(taskForces)
		.where(eq(taskForces.id, input.taskForceId))
		.get()
	if (!taskForce) throw new Error(`No task force ${input.taskForceId} to export the records of.`)

	const lastEditors = alias(users, 'last_editors')
	const sectionRows = db
		.select({
			id: sections.id,
			title: sections.title,
			status: sections.status,
			position: sections.position,
			removedAt: sections.removedAt,
			lastEditedAt: sections.lastEditedAt,
			lastEditedBy: lastEditors.name,
			document: documents.title,
			documentId: documents.id,
		})
		.from(sections)
		.innerJoin(documents, eq(documents.id, sections.documentId))
		.leftJoin(lastEditors, eq(lastEditors.id, sections.lastEditedBy))
		.where(eq(documents.taskForceId, taskForce.id))
		.orderBy(asc(documents.title), asc(documents.id), asc(sections.position), asc(sections.id))
		.all()
	const width = Math.max(2, String(sectionRows.length).length)
	const placed = sectionRows.map((section, index) => ({
		...section,
		folder: `${String(index + 1).padStart(width, '0')}-${slugOf(section.title)}${section.removedAt === null ? '' : '-removed'}`,
	}))
	const sectionIds = placed.map((section) => section.id)
	const names = new Map(
		db
			.select({ id: users.id, name: users.name })
			.from(users)
			.all()
			.map((user) => [user.id, user.name]),
	)
	const nameOf = (id: string | null) =>
		id === null ? 'a former member' : (names.get(id) ?? 'a former member')

	// Versions and the current text of every section.
	const authorsByVersion = new Map<string, string[]>()
	if (sectionIds.length > 0)
		for (const row of db
			.select({ versionId: sectionVersionAuthors.versionId, userId: sectionVersionAuthors.userId })
			.from(sectionVersionAuthors)
			.innerJoin(sectionVersions, eq(sectionVersions.id, sectionVersionAuthors.versionId))
			.where(inArray(sectionVersions.sectionId, sectionIds))
			.all()) {
			const list = authorsByVersion.get(row.versionId) ?? []
			list.push(nameOf(row.userId))
			authorsByVersion.set(row.versionId, list)
		}
	const contents: string[] = []
	for (const section of placed) {
		const versions = db
			.select({
				id: sectionVersions.id,
				kind: sectionVersions.kind,
				label: sectionVersions.label,
				createdAt: sectionVersions.createdAt,
				createdBy: sectionVersions.createdBy,
				wordCount: sectionVersions.wordCount,
			})
			.from(sectionVersions)
			.where(eq(sectionVersions.sectionId, section.id))
			.orderBy(asc(sectionVersions.createdAt), asc(sectionVersions.seq), asc(sectionVersions.id))
			.all()
		contents.push(
			`${section.folder}  ${section.title}${section.removedAt === null ? '' : ` (removed from the outline ${iso(section.removedAt)})`} — ${versions.length} stored version${versions.length === 1 ? '' : 's'}`,
		)
		for (const version of versions) {
			// One state at a time, so at most one decoded version is held besides the files.
			const state = versionState(db, version.id)
			const blocks = state ? readerContentOfState(state) : []
			const authors = [...(authorsByVersion.get(version.id) ?? [])].sort((a, b) => a.localeCompare(b))
			const kind = VERSION_KIND_LABELS[version.kind]
			const base = `sections/${section.folder}/versions/${fileTime(version.createdAt)}-${VERSION_KIND_SLUGS[version.kind]}`
			const meta = { section: section.title, createdAt: iso(version.createdAt), authors }
			const authorText = authors.length > 0 ? authors.join(', ') : 'none recorded'
			files.add(
				`${base}.html`,
				htmlDocument({
					title: `${section.title} — ${kind}, ${iso(version.createdAt)}`,
					heading: section.title,
					facts: [
						['Version', `${escapeHtml(kind)} (“${escapeHtml(version.label)}”)`],
						['Date', timeHtml(version.createdAt)],
						['Authors', escapeHtml(authorText)],
						['Kept by', escapeHtml(version.createdBy === null ? 'Convene' : nameOf(version.createdBy))],
						['Words', String(version.wordCount)],
						['Document', escapeHtml(section.document)],
					],
					body: renderSectionHtml(blocks, { headingOffset: 0 }) || '<p><em>(No text.)</em></p>',
				}),
				{ kind: 'version-html', ...meta },
			)
			files.add(
				`${base}.md`,
				markdownDocument(
					section.title,
					[
						['Version', `${kind} (“${md(version.label)}”)`],
						['Date', iso(version.createdAt)],
						['Authors', md(authorText)],
						['Document', md(section.document)],
					],
					renderSectionMarkdown(blocks, { headingOffset: 0 }),
				),
				{ kind: 'version-markdown', ...meta },
			)
		}
		const blocks = currentBlocks(db, section.id)
		const edited = section.lastEditedAt
		const status = SECTION_STATUS_LABELS[section.status as SectionStatus]
		const currentMeta = { section: section.title, ...(edited === null ? {} : { createdAt: iso(edited) }) }
		const lastEdit =
			edited === null ? 'never' : `${iso(edited)}${section.lastEditedBy ? ` by ${section.lastEditedBy}` : ''}`
		files.add(
			`sections/${section.folder}/current.html`,
			htmlDocument({
				title: `${section.title} — current text, exported ${iso(input.now)}`,
				heading: section.title,
				facts: [
					['Version', 'Current text, as stored when the archive was exported'],
					['Date', timeHtml(input.now)],
					['Last edited', escapeHtml(lastEdit)],
					['Status', escapeHtml(status)],
					...(section.removedAt === null
						? []
						: ([['Removed from the outline', timeHtml(section.removedAt)]] as Array<[string, string]>)),
					['Document', escapeHtml(section.document)],
				],
				body: renderSectionHtml(blocks, { headingOffset: 0 }) || '<p><em>(No text.)</em></p>',
			}),
			{ kind: 'current-html', ...currentMeta },
		)
		files.add(
			`sections/${section.folder}/current.md`,
			markdownDocument(
				section.title,
				[
					['Version', 'Current text, as stored when the archive was exported'],
					['Date', iso(input.now)],
					['Last edited', md(lastEdit)],
					['Status', status],
					['Document', md(section.document)],
				],
				renderSectionMarkdown(blocks, { headingOffset: 0 }),
			),
			{ kind: 'current-markdown', ...currentMeta },
		)
	}

	// Comment threads, one file per section that has any.
	const threads =
		sectionIds.length === 0
			? []
			: db
					.select()
					.from(commentThreads)
					.where(inArray(commentThreads.sectionId, sectionIds))
					.orderBy(asc(commentThreads.createdAt), asc(commentThreads.id))
					.all()
	const threadIds = threads.map((thread) => thread.id)
	const threadsBySection = groupBy(threads, (thread) => thread.sectionId)
	const commentRows =
		threadIds.length === 0
			? []
			: db
					.select()
					.from(comments)
					.where(inArray(comments.threadId, threadIds))
					.orderBy(asc(comments.createdAt), asc(comments.id))
					.all()
	const mentions = new Map<string, string[]>()
	if (commentRows.length > 0)
		for (const row of db
			.select()
			.from(commentMentions)
			.where(
				inArray(
					commentMentions.commentId,
					commentRows.map((comment) => comment.id),
				),
			)
			.all())
			mentions.set(row.commentId, [...(mentions.get(row.commentId) ?? []), nameOf(row.userId)])
	const commentsByThread = groupBy(commentRows, (comment) => comment.threadId)
	let threadCount = 0
	for (const section of placed) {
		const own = threadsBySection.get(section.id) ?? []
		if (own.length === 0) continue
		threadCount += own.length
		const parts = [`# Comments on “${md(section.title)}”\n`, `Task force: ${md(taskForce.name)}\n`]
		own.forEach((thread, index) => {
			const status =
				thread.status === 'resolved'
					? `resolved${thread.resolvedBy !== null ? ` by ${nameOf(thread.resolvedBy)}` : ''}${thread.resolvedAt !== null ? ` at ${iso(thread.resolvedAt)}` : ''}`
					: 'open'
			parts.push(
				[
					`## Thread ${index + 1} (${thread.status})`,
					'',
					'Quote:',
					'',
					blockquote(thread.quote),
					'',
					`- Started by ${md(nameOf(thread.createdBy))} at ${iso(thread.createdAt)}`,
					`- Status: ${md(status)}`,
					...(thread.detachedAt === null
						? []
						: [`- Its words were deleted from the text at ${iso(thread.detachedAt)}`]),
					`- Thread id: ${thread.id}`,
					'',
				].join('\n'),
			)
			for (const comment of commentsByThread.get(thread.id) ?? []) {
				const heading = `### ${md(nameOf(comment.authorId))}, ${iso(comment.createdAt)}`
				if (comment.deletedAt !== null) {
					parts.push(`${heading}\n\n_Comment deleted by its author at ${iso(comment.deletedAt)}._\n`)
					continue
				}
				const notes = [
					...(comment.editedAt === null ? [] : [`_Edited at ${iso(comment.editedAt)}._`]),
					...(mentions.has(comment.id)
						? [`_Mentions: ${md((mentions.get(comment.id) as string[]).join(', '))}._`]
						: []),
				]
				parts.push(
					`${heading}\n\n${blockquote(comment.body)}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`,
				)
			}
		})
		files.add(`comments/${section.folder}.md`, parts.join('\n'), { kind: 'comments', section: section.title })
	}

	// Reviews: the requests and answers, and status changes and approvals from the activity log.
	const reviewers = alias(users, 'reviewers')
	const requesters = alias(users, 'requesters')
	const reviews =
		sectionIds.length === 0
			? []
			: db
					.select({
						sectionId: sectionReviews.sectionId,
						reviewer: reviewers.name,
						requestedBy: requesters.name,
						requestedAt: sectionReviews.requestedAt,
						decision: sectionReviews.decision,
						note: sectionReviews.note,
						decidedAt: sectionReviews.decidedAt,
					})
					.from(sectionReviews)
					.innerJoin(reviewers, eq(reviewers.id, sectionReviews.reviewerId))
					.leftJoin(requesters, eq(requesters.id, sectionReviews.requestedBy))
					.where(inArray(sectionReviews.sectionId, sectionIds))
					.orderBy(asc(sectionReviews.requestedAt), asc(sectionReviews.reviewerId))
					.all()

	const actors = alias(users, 'actors')
	const subjects = alias(users, 'subjects')
	const log = db
		.select({
			id: activity.id,
			at: activity.at,
			actorId: activity.actorId,
			actor: actors.name,
			verb: activity.verb,
			subjectType: activity.subjectType,
			subjectId: activity.subjectId,
			subject: subjects.name,
			data: activity.data,
		})
		.from(activity)
		.leftJoin(actors, eq(actors.id, activity.actorId))
		.leftJoin(subjects, and(eq(activity.subjectType, 'user'), eq(subjects.id, activity.subjectId)))
		.where(eq(activity.taskForceId, taskForce.id))
		.orderBy(asc(activity.at), asc(activity.id))
		.all()
		.map((row) => ({
			...row,
			sentence: describeActivity(row.verb, row.data ?? null, row.subject),
		}))
	const sectionTitle = new Map(placed.map((section) => [section.id, section.title]))
	const decisions = log.filter((row) => REVIEW_VERBS.includes(row.verb))

	const reviewsMd = [
		`# Reviews and decisions: ${md(taskForce.name)}\n`,
		'## Sections and their status when exported\n',
		...placed.map(
			(section) =>
				`- ${md(section.title)}: ${SECTION_STATUS_LABELS[section.status as SectionStatus]}${section.removedAt === null ? '' : ' (removed from the outline)'}`,
		),
		'\n## Review requests and answers\n',
		...(reviews.length === 0
			? ['_No reviews were asked for._']
			: reviews.map((review) => {
					const asked = `${md(review.requestedBy ?? 'a former member')} asked ${md(review.reviewer)} to review “${md(sectionTitle.get(review.sectionId) ?? '')}” at ${iso(review.requestedAt)}`
					if (review.decision === null) return `- ${asked}; not answered yet.`
					const verdict = review.decision === 'approve' ? 'approved' : 'asked for changes'
					return `- ${asked}; ${verdict}${review.decidedAt !== null ? ` at ${iso(review.decidedAt)}` : ''}${review.note ? ` (“${md(review.note)}”)` : ''}.`
				})),
		'\n## Status changes, reviews and approvals in the activity log\n',
		...(decisions.length === 0
			? ['_None recorded._']
			: decisions.map(
					(row) => `- ${iso(row.at)}: ${md(row.actor ?? 'A former member')} ${md(row.sentence)}`,
				)),
		'',
	].join('\n')
	files.add('reviews.md', reviewsMd, { kind: 'reviews-markdown' })
	files.add(
		'reviews.json',
		`${JSON.stringify(
			{
				reviews: reviews.map((review) => ({
					section: sectionTitle.get(review.sectionId) ?? null,
					sectionId: review.sectionId,
					reviewer: review.reviewer,
					requestedBy: review.requestedBy,
					requestedAt: iso(review.requestedAt),
					decision: review.decision,
					note: review.note,
					decidedAt: review.decidedAt === null ? null : iso(review.decidedAt),
				})),
				decisions: decisions.map((row) => ({
					at: iso(row.at),
					actor: row.actor,
					verb: row.verb,
					sentence: row.sentence,
					sectionId: row.subjectType === 'section' ? row.subjectId : null,
					section: row.subjectId ? (sectionTitle.get(row.subjectId) ?? null) : null,
					data: row.data,
				})),
			},
			null,
			2,
		)}\n`,
		{ kind: 'reviews-json' },
	)

	// The activity log, whole.
	const header = ['time', 'actor', 'verb', 'sentence', 'subject_type', 'subject_id', 'data']
	const csvRows = log.map((row) =>
		[
			iso(row.at),
			row.actor ?? '',
			row.verb,
			row.sentence,
			row.subjectType,
			row.subjectId ?? '',
			row.data === null ? '' : JSON.stringify(row.data),
		]
			.map(csvField)
			.join(','),
	)
	files.add('activity.csv', `${[header.join(','), ...csvRows].join('\r\n')}\r\n`, { kind: 'activity-csv' })
	files.add(
		'activity.json',
		`${JSON.stringify(
			log.map((row) => ({
				id: row.id,
				at: iso(row.at),
				actor: row.actor,
				actorId: row.actorId,
				verb: row.verb,
				sentence: row.sentence,
				subjectType: row.subjectType,
				subjectId: row.subjectId,
				subject: row.subject,
				data: row.data,
			})),
			null,
			2,
		)}\n`,
		{ kind: 'activity-json' },
	)

	const forOrganization = input.organization
		? `Exported for ${input.organization.name} by ${input.exportedBy.name}. The contents are the same records of the whole task force that any export holds; they are not limited to that organization's members.`
		: `Exported by ${input.exportedBy.name}.`
	files.add(
		'README.txt',
		[
			`Records of the task force "${taskForce.name}" (${taskForce.slug})`,
			'',
			'This archive holds the public records of the task force as kept in Convene: every stored',
			'version of every section (HTML and Markdown), the current text, the comment threads, the',
			'review requests and decisions, and the whole activity log. They are readable files, not a',
			'database dump.',
			'',
			`Exported at ${iso(input.now)} (UTC). ${forOrganization}`,
			'',
			'Contents',
			'  sections/<NN>-<title>/versions/<time>-<kind>.html and .md',
			'      each stored version, with its date (UTC) and the people who changed the text',
			'      since the version before; kinds: auto (kept while the text changed), phase',
			'      (kept at a phase boundary), before-restore (kept before an older version came back)',
			'  sections/<NN>-<title>/current.html and .md   the text as stored when exported',
			'      (a folder ending in -removed is a section removed from the outline)',
			'  comments/<NN>-<title>.md   the comment threads of a section, with quotes and replies',
			'  reviews.md, reviews.json   review requests and answers, status changes and approvals',
			'  activity.csv, activity.json   the activity log (CSV: RFC 4180, UTF-8; a cell starting',
			"      with = + - or @ gets a leading ' so spreadsheets do not run it; the JSON is exact)",
			'  manifest.json   every file with its size, SHA-256, kind, section, date and authors',
			'  SHA256SUMS   the same hashes in the format of sha256sum',
			'',
			`Sections (${placed.length}), ${threadCount} comment thread${threadCount === 1 ? '' : 's'}, ${log.length} activity entries:`,
			...contents.map((line) => `  ${line}`),
			'',
			'Checking the files',
			'  In the unpacked folder, run:',
			'      sha256sum -c SHA256SUMS',
			'  (macOS: shasum -a 256 -c SHA256SUMS). Every line should end in OK. The hashes are also',
			'  in manifest.json ("sha256", hex, of the exact bytes of each file).',
			'',
		].join('\n'),
		{ kind: 'readme' },
	)
	return taskForce
}
