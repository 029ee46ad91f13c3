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
import { type BlockNode, readerContent, readerContentOfState } from '#shared/publication/content.ts'
import { versionState } from '../sections/version-parts.server.ts'
import {
	ArchiveFiles,
	fileTime,
	groupBy,
	iso,
	REVIEW_VERBS,
	type RecordsManifest,
	type RecordsManifestFile,
	slugOf,
	VERSION_KIND_SLUGS,
} from './records-archive-files.server.ts'
import {
	type ActivityEntry,
	activityCsv,
	activityJson,
	commentsMarkdown,
	currentHtml,
	currentMarkdown,
	readmeText,
	reviewsJson,
	reviewsMarkdown,
	versionHtml,
	versionMarkdown,
} from './records-archive-texts.server.ts'

export type { RecordsManifest }

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

/** Reads every record of the task force into `files`, in the archive's order; returns the task force. */
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

	const placed = readSections(db, taskForce.id)
	const nameOf = readNames(db)
	const contents = collectSections(db, files, placed, nameOf, input.now)
	const threadCount = collectComments(db, files, taskForce.name, placed, nameOf)
	const log = readActivityLog(db, taskForce.id)
	collectReviews(db, files, taskForce.name, placed, log)
	collectActivity(files, log)
	files.add(
		'README.txt',
		readmeText({
			taskForce,
			now: input.now,
			exportedBy: input.exportedBy,
			organization: input.organization,
			sectionCount: placed.length,
			threadCount,
			logEntries: log.length,
			contents,
		}),
		{ kind: 'readme' },
	)
	return taskForce
}

/** The task force's sections, outline order, each with its numbered folder name in the archive. */
function readSections(db: Db, taskForceId: string) {
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
		.where(eq(documents.taskForceId, taskForceId))
		.orderBy(asc(documents.title), asc(documents.id), asc(sections.position), asc(sections.id))
		.all()
	const width = Math.max(2, String(sectionRows.length).length)
	return sectionRows.map((section, index) => ({
		...section,
		folder: `${String(index + 1).padStart(width, '0')}-${slugOf(section.title)}${section.removedAt === null ? '' : '-removed'}`,
	}))
}

type PlacedSection = ReturnType<typeof readSections>[number]
type NameOf = (id: string | null) => string

/** Everyone's name by id; a missing or deleted person reads as a former member. */
function readNames(db: Db): NameOf {
	const names = new Map(
		db
			.select({ id: users.id, name: users.name })
			.from(users)
			.all()
			.map((user) => [user.id, user.name]),
	)
	return (id) => (id === null ? 'a former member' : (names.get(id) ?? 'a former member'))
}

/** Versions and the current text of every section; returns the README's line per section. */
function collectSections(
	db: Db,
	files: ArchiveFiles,
	placed: readonly PlacedSection[],
	nameOf: NameOf,
	now: number,
): string[] {
	const sectionIds = placed.map((section) => section.id)
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
			const base = `sections/${section.folder}/versions/${fileTime(version.createdAt)}-${VERSION_KIND_SLUGS[version.kind]}`
			const meta = { section: section.title, createdAt: iso(version.createdAt), authors }
			const authorText = authors.length > 0 ? authors.join(', ') : 'none recorded'
			const keptBy = version.createdBy === null ? 'Convene' : nameOf(version.createdBy)
			files.add(`${base}.html`, versionHtml(section, version, blocks, authorText, keptBy), {
				kind: 'version-html',
				...meta,
			})
			files.add(`${base}.md`, versionMarkdown(section, version, blocks, authorText), {
				kind: 'version-markdown',
				...meta,
			})
		}
		const blocks = currentBlocks(db, section.id)
		const edited = section.lastEditedAt
		const currentMeta = { section: section.title, ...(edited === null ? {} : { createdAt: iso(edited) }) }
		files.add(`sections/${section.folder}/current.html`, currentHtml(section, blocks, now), {
			kind: 'current-html',
			...currentMeta,
		})
		files.add(`sections/${section.folder}/current.md`, currentMarkdown(section, blocks, now), {
			kind: 'current-markdown',
			...currentMeta,
		})
	}
	return contents
}

/** Comment threads, one file per section that has any; returns how many threads there are. */
function collectComments(
	db: Db,
	files: ArchiveFiles,
	taskForceName: string,
	placed: readonly PlacedSection[],
	nameOf: NameOf,
): number {
	const sectionIds = placed.map((section) => section.id)
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
		files.add(
			`comments/${section.folder}.md`,
			commentsMarkdown({
				sectionTitle: section.title,
				taskForceName,
				threads: own,
				commentsByThread,
				mentions,
				nameOf,
			}),
			{ kind: 'comments', section: section.title },
		)
	}
	return threadCount
}

/** The task force's whole activity log, oldest first, each entry with its sentence. */
function readActivityLog(db: Db, taskForceId: string): ActivityEntry[] {
	const actors = alias(users, 'actors')
	const subjects = alias(users, 'subjects')
	return db
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
		.where(eq(activity.taskForceId, taskForceId))
		.orderBy(asc(activity.at), asc(activity.id))
		.all()
		.map((row) => ({
			...row,
			sentence: describeActivity(row.verb, row.data ?? null, row.subject),
		}))
}

/** Reviews: the requests and answers, and status changes and approvals from the activity log. */
function collectReviews(
	db: Db,
	files: ArchiveFiles,
	taskForceName: string,
	placed: readonly PlacedSection[],
	log: readonly ActivityEntry[],
): void {
	const sectionIds = placed.map((section) => section.id)
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
	const sectionTitle = new Map(placed.map((section) => [section.id, section.title]))
	const decisions = log.filter((row) => REVIEW_VERBS.includes(row.verb))
	files.add(
		'reviews.md',
		reviewsMarkdown({ taskForceName, sections: placed, reviews, decisions, sectionTitle }),
		{
			kind: 'reviews-markdown',
		},
	)
	files.add('reviews.json', reviewsJson(reviews, decisions, sectionTitle), { kind: 'reviews-json' })
}

/** The activity log, whole, as CSV and as JSON. */
function collectActivity(files: ArchiveFiles, log: readonly ActivityEntry[]): void {
	files.add('activity.csv', activityCsv(log), { kind: 'activity-csv' })
	files.add('activity.json', activityJson(log), { kind: 'activity-json' })
}
