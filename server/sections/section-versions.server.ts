import { and, desc, eq, isNull } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { docSnapshots, docUpdates, documents, sections, sectionVersions, users } from '#db/schema/index.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { extractText } from '#shared/collab/text.ts'

/** A section's text as stored (snapshot + every later log row), as a Yjs document. */
export function loadStoredDocument(db: Queryable, sectionId: string): Y.Doc {
	const doc = new Y.Doc()
	const snapshot = db.select().from(docSnapshots).where(eq(docSnapshots.docId, sectionId)).get()
	if (snapshot) Y.applyUpdate(doc, snapshot.state)
	const rows = db
		.select({ data: docUpdates.data })
		.from(docUpdates)
		.where(eq(docUpdates.docId, sectionId))
		.orderBy(docUpdates.seq)
		.all()
	for (const row of rows) if ((row.data as Buffer).byteLength > 0) Y.applyUpdate(doc, row.data)
	return doc
}

/**
 * Stores a named version of every section of a task force (e.g. "End of writing"), inside the
 * caller's transaction — called when a phase advances, so any section can go back to a phase
 * boundary. The versions are full Yjs states; restoring one is a new change, never a rewrite.
 */
export function snapshotSectionVersions(
	tx: Queryable,
	input: { taskForceId: string; label: string; actorId: string | null; now: number },
): number {
	const rows = tx
		.select({ id: sections.id })
		.from(sections)
		.innerJoin(documents, eq(documents.id, sections.documentId))
		.where(and(eq(documents.taskForceId, input.taskForceId), isNull(sections.removedAt)))
		.all()
	for (const { id } of rows) {
		const doc = loadStoredDocument(tx, id)
		tx.insert(sectionVersions)
			.values({
				id: createId(),
				sectionId: id,
				label: input.label,
				state: Buffer.from(Y.encodeStateAsUpdate(doc)),
				createdAt: input.now,
				createdBy: input.actorId,
			})
			.run()
		doc.destroy()
	}
	return rows.length
}

/** A section's named versions, newest first, with a short excerpt of each. */
export function listSectionVersions(db: Db, sectionId: string) {
	return db
		.select({
			id: sectionVersions.id,
			label: sectionVersions.label,
			state: sectionVersions.state,
			createdAt: sectionVersions.createdAt,
			createdBy: users.name,
		})
		.from(sectionVersions)
		.leftJoin(users, eq(users.id, sectionVersions.createdBy))
		.where(eq(sectionVersions.sectionId, sectionId))
		.orderBy(desc(sectionVersions.createdAt))
		.all()
		.map(({ state, ...version }) => {
			const doc = new Y.Doc()
			Y.applyUpdate(doc, state)
			const text = extractText(doc)
			doc.destroy()
			return { ...version, excerpt: text.slice(0, 280), words: text.split(/\s+/).filter(Boolean).length }
		})
}

/**
 * The update that makes a section's current text equal to a stored version — as a new change on
 * top of everything (history is kept; everyone's editor receives it like any other edit).
 * Null when the version does not belong to the section.
 */
export function restoreUpdate(db: Db, sectionId: string, versionId: string): Uint8Array | null {
	const version = db
		.select()
		.from(sectionVersions)
		.where(and(eq(sectionVersions.id, versionId), eq(sectionVersions.sectionId, sectionId)))
		.get()
	if (!version) return null
	const current = loadStoredDocument(db, sectionId)
	const past = new Y.Doc()
	Y.applyUpdate(past, version.state)
	let update: Uint8Array | null = null
	current.on('update', (change: Uint8Array) => {
		update = update ? Y.mergeUpdates([update, change]) : change
	})
	const fragment = current.getXmlFragment(FRAGMENT_NAME)
	current.transact(() => {
		fragment.delete(0, fragment.length)
		fragment.insert(
			0,
			past
				.getXmlFragment(FRAGMENT_NAME)
				.toArray()
				.map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
		)
	})
	current.destroy()
	past.destroy()
	return update ?? new Uint8Array()
}
