import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { sections, sectionVersionParts, sectionVersions } from '#db/schema/index.ts'
import { createLogger } from '#server/logger.server.ts'
import { describeText } from '#server/sections/describe-text.server.ts'
import { storeSectionVersion, versionDocument } from '#server/sections/section-versions.server.ts'
import { VersionPartsWriter } from '#server/sections/version-parts.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { eventually, startCollab } from '../collab/collab-harness.ts'

// A large version's state is written in parts, one per turn, with the version row in the same
// transaction as the last part: whole or absent. Real SQLite file.

const PART_BYTES = 4_096

/** Starts writing `doc` as a version of `sectionId` in parts; returns its id. */
function writeInParts(writer: VersionPartsWriter, sectionId: string, doc: Y.Doc, id: string): string {
	const state = Y.encodeStateAsUpdate(doc)
	writer.write(id, state, (tx, parts) => {
		storeSectionVersion(tx, {
			sectionId,
			kind: 'auto',
			label: 'Saved automatically',
			seq: 0,
			actorId: null,
			authors: [],
			now: Date.now(),
			encoded: { state, description: describeText(doc) },
			storedInParts: { id, parts },
		})
	})
	return id
}

const partsOf = (db: Db, versionId: string) =>
	db.select().from(sectionVersionParts).where(eq(sectionVersionParts.versionId, versionId)).all().length

const versionExists = (db: Db, versionId: string) =>
	db.select().from(sectionVersions).where(eq(sectionVersions.id, versionId)).get() !== undefined

test('a large version is written over several turns, reads back whole, and its parts go with it', async () => {
	const { db, section, storeLargeText } = await startCollab()
	const doc = storeLargeText(60)
	const writer = new VersionPartsWriter({ db, logger: createLogger('silent'), partBytes: PART_BYTES })
	const id = writeInParts(writer, section.id, doc, 'version-in-parts')
	expect(versionExists(db, id)).toBe(false)
	await new Promise((resolve) => setImmediate(resolve))
	expect(partsOf(db, id)).toBe(1)
	expect(versionExists(db, id)).toBe(false)

	await eventually(() => versionExists(db, id), 'the version row after its last part')
	const expectedParts = Math.ceil(Y.encodeStateAsUpdate(doc).byteLength / PART_BYTES)
	expect(expectedParts).toBeGreaterThan(3)
	expect(partsOf(db, id)).toBe(expectedParts)
	expect(versionDocument(db, id)?.getXmlFragment(FRAGMENT_NAME).toString()).toBe(
		doc.getXmlFragment(FRAGMENT_NAME).toString(),
	)

	db.delete(sectionVersions).where(eq(sectionVersions.id, id)).run()
	expect(partsOf(db, id)).toBe(0)
	const second = writeInParts(writer, section.id, doc, 'second-in-parts')
	await eventually(() => versionExists(db, second), 'the second version')
	db.delete(sections).where(eq(sections.id, section.id)).run()
	expect(partsOf(db, second)).toBe(0)
})

test('a server that stops finishes the versions it is writing; parts of one cut short are removed at start', async () => {
	const { db, section, storeLargeText } = await startCollab()
	const doc = storeLargeText(60)
	const logger = createLogger('silent')
	const writer = new VersionPartsWriter({ db, logger, partBytes: PART_BYTES })
	const finished = writeInParts(writer, section.id, doc, 'finished-at-stop')
	writer.finishAll()
	expect(versionExists(db, finished)).toBe(true)
	expect(versionDocument(db, finished)?.getXmlFragment(FRAGMENT_NAME).length).toBe(60)

	// A write cut short: parts on disk, no version row (the process died between two turns).
	db.insert(sectionVersionParts)
		.values({ versionId: 'cut-short', part: 0, bytes: Buffer.alloc(10) })
		.run()
	new VersionPartsWriter({ db, logger, partBytes: PART_BYTES })
	expect(partsOf(db, 'cut-short')).toBe(0)
	expect(partsOf(db, finished)).toBeGreaterThan(1)
	expect(versionDocument(db, finished)).not.toBeNull()
})
