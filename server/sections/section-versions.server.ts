import { and, desc, eq, isNull, max } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import {
	docSnapshots,
	docUpdates,
	documents,
	sections,
	sectionVersionAuthors,
	sectionVersions,
	users,
} from '#db/schema/index.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import type { SectionVersionKind } from '#shared/domain.ts'
import { describeText, type TextDescription, textDigest } from './describe-text.server.ts'
import { versionState } from './version-parts.server.ts'
import { pruneAutomaticVersions } from './version-retention.server.ts'

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

/** A section's text encoded and described (by the section-load worker), to store as is. */
export type EncodedText = { state: Uint8Array; description: TextDescription }

export type NewVersion = {
	sectionId: string
	kind: SectionVersionKind
	label: string
	/** The last log row the state includes. */
	seq: number
	actorId: string | null
	/** Who changed the text since the version before (ids; unknown ones are skipped). */
	authors: Iterable<string>
	now: number
} & (
	| { doc: Y.Doc; encoded?: undefined; storedInParts?: undefined }
	| {
			doc?: undefined
			encoded: EncodedText
			/** The version's id and how many parts its state was written in (version-parts.server.ts). */
			storedInParts?: { id: string; parts: number }
	  }
)

/**
 * Stores a version of a section's text, inside the caller's transaction, with who changed it since
 * the last one; automatic versions are then pruned to the retention rule. Returns its id.
 */
export function storeSectionVersion(tx: Queryable, version: NewVersion): string {
	const id = version.storedInParts?.id ?? createId()
	const encoded = version.encoded
		? version.encoded
		: { state: Y.encodeStateAsUpdate(version.doc), description: describeText(version.doc) }
	tx.insert(sectionVersions)
		.values({
			id,
			sectionId: version.sectionId,
			kind: version.kind,
			label: version.label,
			state: version.storedInParts ? Buffer.alloc(0) : Buffer.from(encoded.state),
			parts: version.storedInParts?.parts ?? 0,
			...encoded.description,
			seq: version.seq,
			createdAt: version.now,
			createdBy: version.actorId,
		})
		.run()
	for (const userId of new Set(version.authors)) {
		tx.insert(sectionVersionAuthors).values({ versionId: id, userId }).onConflictDoNothing().run()
	}
	if (version.kind === 'auto') pruneAutomaticVersions(tx, version.sectionId, version.now)
	return id
}

/** The digest of a section's newest version, or null when it has none. */
export function latestVersionDigest(db: Queryable, sectionId: string): string | null {
	const row = db
		.select({ digest: sectionVersions.digest })
		.from(sectionVersions)
		.where(eq(sectionVersions.sectionId, sectionId))
		.orderBy(desc(sectionVersions.createdAt), desc(sectionVersions.seq))
		.limit(1)
		.get()
	return row ? row.digest : null
}

/**
 * Stores a version of every section of a task force (e.g. "End of writing"), inside the caller's
 * transaction — called when a phase advances, so any section can go back to a phase boundary.
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
		storeSectionVersion(tx, {
			sectionId: id,
			kind: 'phase',
			label: input.label,
			doc,
			seq: lastStoredSeq(tx, id),
			actorId: input.actorId,
			authors: [],
			now: input.now,
		})
		doc.destroy()
	}
	return rows.length
}

/** The last log row a section's stored text includes (snapshot or log). */
export function lastStoredSeq(db: Queryable, sectionId: string): number {
	const snapshot = db
		.select({ seq: docSnapshots.seq })
		.from(docSnapshots)
		.where(eq(docSnapshots.docId, sectionId))
		.get()
	const log = db
		.select({ seq: max(docUpdates.seq) })
		.from(docUpdates)
		.where(eq(docUpdates.docId, sectionId))
		.get()
	return Math.max(snapshot?.seq ?? 0, log?.seq ?? 0)
}

export type VersionSummary = {
	id: string
	kind: SectionVersionKind
	label: string
	createdAt: number
	createdBy: string | null
	words: number
	excerpt: string
	/** Who changed the text since the version before, by name. */
	authors: string[]
}

/** A section's versions, newest first, with who changed each (no states decoded, except old rows). */
export function listSectionVersions(db: Db, sectionId: string): VersionSummary[] {
	const rows = db
		.select({
			id: sectionVersions.id,
			kind: sectionVersions.kind,
			label: sectionVersions.label,
			createdAt: sectionVersions.createdAt,
			createdBy: users.name,
			wordCount: sectionVersions.wordCount,
			excerpt: sectionVersions.excerpt,
			digest: sectionVersions.digest,
		})
		.from(sectionVersions)
		.leftJoin(users, eq(users.id, sectionVersions.createdBy))
		.where(eq(sectionVersions.sectionId, sectionId))
		.orderBy(desc(sectionVersions.createdAt), desc(sectionVersions.seq))
		.all()
	const authors = authorsOf(db, sectionId)
	return rows.map(({ digest, wordCount, excerpt, ...row }) => {
		// Versions stored before excerpts were (migration 0003) are described from their state.
		const described = digest === '' ? describeStored(db, row.id) : { wordCount, excerpt }
		return {
			...row,
			words: described.wordCount,
			excerpt: described.excerpt,
			authors: authors.get(row.id) ?? [],
		}
	})
}

function authorsOf(db: Db, sectionId: string): Map<string, string[]> {
	const rows = db
		.select({ versionId: sectionVersionAuthors.versionId, name: users.name })
		.from(sectionVersionAuthors)
		.innerJoin(sectionVersions, eq(sectionVersions.id, sectionVersionAuthors.versionId))
		.innerJoin(users, eq(users.id, sectionVersionAuthors.userId))
		.where(eq(sectionVersions.sectionId, sectionId))
		.orderBy(users.name)
		.all()
	const byVersion = new Map<string, string[]>()
	for (const row of rows) byVersion.set(row.versionId, [...(byVersion.get(row.versionId) ?? []), row.name])
	return byVersion
}

function describeStored(db: Db, versionId: string) {
	const doc = versionDocument(db, versionId)
	try {
		return doc ? describeText(doc) : { wordCount: 0, excerpt: '' }
	} finally {
		doc?.destroy()
	}
}

/** One version of a section (null when it is not one of this section's). */
export function findSectionVersion(db: Db, sectionId: string, versionId: string) {
	return (
		db
			.select({
				id: sectionVersions.id,
				kind: sectionVersions.kind,
				label: sectionVersions.label,
				createdAt: sectionVersions.createdAt,
				digest: sectionVersions.digest,
			})
			.from(sectionVersions)
			.where(and(eq(sectionVersions.id, versionId), eq(sectionVersions.sectionId, sectionId)))
			.get() ?? null
	)
}

/** A version's text as a Yjs document (the caller destroys it); null when there is no such version. */
export function versionDocument(db: Queryable, versionId: string): Y.Doc | null {
	const state = versionState(db, versionId)
	if (!state) return null
	const doc = new Y.Doc()
	Y.applyUpdate(doc, state)
	return doc
}

/**
 * The update that makes `current`'s text equal to `past`'s — as a new change on top of everything
 * (history is kept; everyone's editor receives it like any other edit). Empty when nothing differs.
 */
export function restoreUpdate(current: Y.Doc, past: Y.Doc): Uint8Array {
	if (textDigest(current) === textDigest(past)) return new Uint8Array()
	const working = new Y.Doc()
	Y.applyUpdate(working, Y.encodeStateAsUpdate(current))
	const before = Y.encodeStateVector(working)
	const fragment = working.getXmlFragment(FRAGMENT_NAME)
	working.transact(() => {
		fragment.delete(0, fragment.length)
		fragment.insert(
			0,
			past
				.getXmlFragment(FRAGMENT_NAME)
				.toArray()
				.map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
		)
	})
	const update = Y.encodeStateAsUpdate(working, before)
	working.destroy()
	return update
}
