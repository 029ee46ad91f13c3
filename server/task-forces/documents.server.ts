import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { documents, sections, subcommittees, users } from '#db/schema/index.ts'

/** The document with this id if it belongs to the task force, else null. */
export function getDocument(db: Db, taskForceId: string, documentId: string) {
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

/** A document's sections in reading order, with owning subcommittee and who last edited them. */
export function listSections(db: Db, documentId: string) {
	return db
		.select({
			id: sections.id,
			title: sections.title,
			position: sections.position,
			status: sections.status,
			subcommittee: subcommittees.name,
			wordCount: sections.wordCount,
			targetWords: sections.targetWords,
			dueOn: sections.dueOn,
			lastEditedAt: sections.lastEditedAt,
			lastEditedBy: users.name,
		})
		.from(sections)
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.leftJoin(users, eq(users.id, sections.lastEditedBy))
		.where(eq(sections.documentId, documentId))
		.orderBy(asc(sections.position))
		.all()
}
