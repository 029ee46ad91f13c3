import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import { commentThreads, documents, sections, subcommittees, users } from '#db/schema/index.ts'

/** Open comment threads on a section, as a column of a query over `sections`. */
export const openThreadCount =
	sql<number>`(select count(*) from ${commentThreads} where ${commentThreads.sectionId} = ${sections.id} and ${commentThreads.status} = 'open')`.mapWith(
		Number,
	)

/** The document with this id if it belongs to the task force, else null. */
function getDocument(db: Db, taskForceId: string, documentId: string) {
	return (
		db
			.select({ id: documents.id, title: documents.title, summary: documents.summary })
			.from(documents)
			.where(and(eq(documents.id, documentId), eq(documents.taskForceId, taskForceId)))
			.get() ?? null
	)
}

/**
 * The document, or a 404 for the route to throw. Another task force's document is "not found" too,
 * so its existence stays private.
 */
export function requireDocument(db: Db, taskForceId: string, documentId: string) {
	const document = getDocument(db, taskForceId, documentId)
	if (!document) throw new Response('Not Found', { status: 404 })
	return document
}

/**
 * A document's sections on its outline (removed ones left out) in reading order, with owning
 * subcommittee, who last edited them, the note left when one was sent back from review, and its
 * open comment threads and pending suggestions.
 */
export function listSections(db: Queryable, documentId: string) {
	return db
		.select({
			id: sections.id,
			title: sections.title,
			position: sections.position,
			status: sections.status,
			statusNote: sections.statusNote,
			subcommitteeId: sections.subcommitteeId,
			subcommittee: subcommittees.name,
			wordCount: sections.wordCount,
			targetWords: sections.targetWords,
			dueOn: sections.dueOn,
			lastEditedAt: sections.lastEditedAt,
			lastEditedBy: users.name,
			openThreads: openThreadCount,
			openSuggestions: sections.openSuggestions,
		})
		.from(sections)
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.leftJoin(users, eq(users.id, sections.lastEditedBy))
		.where(and(eq(sections.documentId, documentId), isNull(sections.removedAt)))
		.orderBy(asc(sections.position), asc(sections.id))
		.all()
}

/** Sections taken off the outline, most recently removed first; their text is kept for a restore. */
export function listRemovedSections(db: Db, documentId: string) {
	return db
		.select({
			id: sections.id,
			title: sections.title,
			status: sections.status,
			subcommittee: subcommittees.name,
			wordCount: sections.wordCount,
			removedAt: sections.removedAt,
		})
		.from(sections)
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.where(and(eq(sections.documentId, documentId), isNotNull(sections.removedAt)))
		.orderBy(desc(sections.removedAt))
		.all()
}
