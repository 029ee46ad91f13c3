import type { activity, comments, commentThreads, sectionReviews, sections } from '#db/schema/index.ts'
import type { SectionStatus, SectionVersionKind } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import type { BlockNode } from '#shared/publication/content.ts'
import { escapeHtml, renderSectionHtml } from '#shared/publication/render-html.ts'
import { renderSectionMarkdown } from '#shared/publication/render-markdown.ts'
import {
	blockquote,
	csvField,
	htmlDocument,
	iso,
	markdownDocument,
	md,
	timeHtml,
	VERSION_KIND_LABELS,
} from './records-archive-files.server.ts'

/** A section as the archive's pages describe it. */
type SectionFacts = Pick<typeof sections.$inferSelect, 'title' | 'status' | 'removedAt' | 'lastEditedAt'> & {
	lastEditedBy: string | null
	document: string
}

/** A stored version of a section as its pages describe it. */
type VersionFacts = { kind: SectionVersionKind; label: string; createdAt: number; wordCount: number }

/** A review request, with the reviewer's and the requester's names. */
type ReviewEntry = Pick<
	typeof sectionReviews.$inferSelect,
	'sectionId' | 'requestedAt' | 'decision' | 'note' | 'decidedAt'
> & { reviewer: string; requestedBy: string | null }

/** An entry of the activity log, with the names of its actor and subject and its sentence. */
export type ActivityEntry = Pick<
	typeof activity.$inferSelect,
	'id' | 'at' | 'actorId' | 'verb' | 'subjectType' | 'subjectId' | 'data'
> & { actor: string | null; subject: string | null; sentence: string }

/** A stored version of a section as an HTML page: its facts, then its text. */
export function versionHtml(
	section: Pick<SectionFacts, 'title' | 'document'>,
	version: VersionFacts,
	blocks: BlockNode[],
	authorText: string,
	keptBy: string,
): string {
	const kind = VERSION_KIND_LABELS[version.kind]
	return htmlDocument({
		title: `${section.title} — ${kind}, ${iso(version.createdAt)}`,
		heading: section.title,
		facts: [
			['Version', `${escapeHtml(kind)} (“${escapeHtml(version.label)}”)`],
			['Date', timeHtml(version.createdAt)],
			['Authors', escapeHtml(authorText)],
			['Kept by', escapeHtml(keptBy)],
			['Words', String(version.wordCount)],
			['Document', escapeHtml(section.document)],
		],
		body: renderSectionHtml(blocks, { headingOffset: 0 }) || '<p><em>(No text.)</em></p>',
	})
}

/** A stored version of a section as a Markdown file: its facts, then its text. */
export function versionMarkdown(
	section: Pick<SectionFacts, 'title' | 'document'>,
	version: VersionFacts,
	blocks: BlockNode[],
	authorText: string,
): string {
	const kind = VERSION_KIND_LABELS[version.kind]
	return markdownDocument(
		section.title,
		[
			['Version', `${kind} (“${md(version.label)}”)`],
			['Date', iso(version.createdAt)],
			['Authors', md(authorText)],
			['Document', md(section.document)],
		],
		renderSectionMarkdown(blocks, { headingOffset: 0 }),
	)
}

/** `never`, or when the section was last edited and by whom. */
function lastEditText(section: SectionFacts): string {
	const edited = section.lastEditedAt
	return edited === null
		? 'never'
		: `${iso(edited)}${section.lastEditedBy ? ` by ${section.lastEditedBy}` : ''}`
}

/** A section's current text as an HTML page, as stored when the archive was exported. */
export function currentHtml(section: SectionFacts, blocks: BlockNode[], now: number): string {
	const status = SECTION_STATUS_LABELS[section.status as SectionStatus]
	return htmlDocument({
		title: `${section.title} — current text, exported ${iso(now)}`,
		heading: section.title,
		facts: [
			['Version', 'Current text, as stored when the archive was exported'],
			['Date', timeHtml(now)],
			['Last edited', escapeHtml(lastEditText(section))],
			['Status', escapeHtml(status)],
			...(section.removedAt === null
				? []
				: ([['Removed from the outline', timeHtml(section.removedAt)]] as Array<[string, string]>)),
			['Document', escapeHtml(section.document)],
		],
		body: renderSectionHtml(blocks, { headingOffset: 0 }) || '<p><em>(No text.)</em></p>',
	})
}

/** A section's current text as a Markdown file, as stored when the archive was exported. */
export function currentMarkdown(section: SectionFacts, blocks: BlockNode[], now: number): string {
	const status = SECTION_STATUS_LABELS[section.status as SectionStatus]
	return markdownDocument(
		section.title,
		[
			['Version', 'Current text, as stored when the archive was exported'],
			['Date', iso(now)],
			['Last edited', md(lastEditText(section))],
			['Status', status],
			['Document', md(section.document)],
		],
		renderSectionMarkdown(blocks, { headingOffset: 0 }),
	)
}

/** The comment threads of one section as Markdown: each quote, its status, then its comments. */
export function commentsMarkdown(input: {
	sectionTitle: string
	taskForceName: string
	threads: ReadonlyArray<typeof commentThreads.$inferSelect>
	commentsByThread: ReadonlyMap<string, ReadonlyArray<typeof comments.$inferSelect>>
	mentions: ReadonlyMap<string, string[]>
	nameOf: (id: string | null) => string
}): string {
	const { commentsByThread, mentions, nameOf } = input
	const parts = [`# Comments on “${md(input.sectionTitle)}”\n`, `Task force: ${md(input.taskForceName)}\n`]
	input.threads.forEach((thread, index) => {
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
	return parts.join('\n')
}

/** reviews.md: each section's status, the review requests and answers, and the decisions logged. */
export function reviewsMarkdown(input: {
	taskForceName: string
	sections: ReadonlyArray<Pick<SectionFacts, 'title' | 'status' | 'removedAt'>>
	reviews: readonly ReviewEntry[]
	decisions: readonly ActivityEntry[]
	sectionTitle: ReadonlyMap<string, string>
}): string {
	const { reviews, decisions, sectionTitle } = input
	return [
		`# Reviews and decisions: ${md(input.taskForceName)}\n`,
		'## Sections and their status when exported\n',
		...input.sections.map(
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
}

/** reviews.json: the review requests and the logged decisions, exact. */
export function reviewsJson(
	reviews: readonly ReviewEntry[],
	decisions: readonly ActivityEntry[],
	sectionTitle: ReadonlyMap<string, string>,
): string {
	return `${JSON.stringify(
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
	)}\n`
}

/** activity.csv: the whole log, one row per entry (RFC 4180, CRLF). */
export function activityCsv(log: readonly ActivityEntry[]): string {
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
	return `${[header.join(','), ...csvRows].join('\r\n')}\r\n`
}

/** activity.json: the whole log, exact. */
export function activityJson(log: readonly ActivityEntry[]): string {
	return `${JSON.stringify(
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
	)}\n`
}

/** README.txt: what the archive holds, who exported it when, and how to check the files. */
export function readmeText(input: {
	taskForce: { slug: string; name: string }
	now: number
	exportedBy: { name: string }
	organization: { name: string } | null
	sectionCount: number
	threadCount: number
	logEntries: number
	contents: readonly string[]
}): string {
	const { taskForce, threadCount } = input
	const forOrganization = input.organization
		? `Exported for ${input.organization.name} by ${input.exportedBy.name}. The contents are the same records of the whole task force that any export holds; they are not limited to that organization's members.`
		: `Exported by ${input.exportedBy.name}.`
	return [
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
		`Sections (${input.sectionCount}), ${threadCount} comment thread${threadCount === 1 ? '' : 's'}, ${input.logEntries} activity entries:`,
		...input.contents.map((line) => `  ${line}`),
		'',
		'Checking the files',
		'  In the unpacked folder, run:',
		'      sha256sum -c SHA256SUMS',
		'  (macOS: shasum -a 256 -c SHA256SUMS). Every line should end in OK. The hashes are also',
		'  in manifest.json ("sha256", hex, of the exact bytes of each file).',
		'',
	].join('\n')
}
