import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { docUpdates, sections, sectionVersions } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import {
	findSectionVersion,
	listSectionVersions,
	loadStoredDocument,
	restoreUpdate,
	snapshotSectionVersions,
	versionDocument,
} from '#server/sections/section-versions.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { extractText } from '#shared/collab/text.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

async function seededSection() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date('2026-11-28T15:00:00Z') })
	const section = db
		.select()
		.from(sections)
		.where(eq(sections.title, 'Community engagement and transparency'))
		.get()
	if (!section) throw new Error('no section')
	const taskForceId = db.$client
		.prepare('select task_force_id as id from documents where id = ?')
		.get(section.documentId) as {
		id: string
	}
	return { db, section, taskForceId: taskForceId.id }
}

/** Appends an edit to the stored log, as the collaboration server would. */
function appendParagraph(
	db: ReturnType<typeof createTempDatabase>['db'],
	sectionId: string,
	text: string,
	seq: number,
) {
	const doc = loadStoredDocument(db, sectionId)
	let update: Uint8Array | null = null
	doc.on('update', (change: Uint8Array) => {
		update = change
	})
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText(text)])
	doc.getXmlFragment(FRAGMENT_NAME).push([paragraph])
	db.insert(docUpdates)
		.values({ docId: sectionId, seq, data: Buffer.from(update as unknown as Uint8Array), at: Date.now() })
		.run()
}

test('a phase boundary stores every section’s text as a named version', async () => {
	const { db, section, taskForceId } = await seededSection()
	appendParagraph(db, section.id, 'Written during the writing phase.', 1)
	const count = snapshotSectionVersions(db, { taskForceId, label: 'End of writing', actorId: null, now: 1 })
	expect(count).toBe(9)
	const [version] = listSectionVersions(db, section.id)
	expect(version?.label).toBe('End of writing')
	const stored = db
		.select()
		.from(sectionVersions)
		.where(eq(sectionVersions.id, version?.id ?? ''))
		.get()
	const doc = new Y.Doc()
	Y.applyUpdate(doc, stored?.state ?? new Uint8Array())
	expect(extractText(doc)).toContain('Written during the writing phase.')
})

test('restoring a version is a new change that brings the text back, keeping the history', async () => {
	const { db, section, taskForceId } = await seededSection()
	snapshotSectionVersions(db, { taskForceId, label: 'End of writing', actorId: null, now: 1 })
	const before = extractText(loadStoredDocument(db, section.id))
	appendParagraph(db, section.id, 'A later paragraph that will be undone by the restore.', 1)
	const versionId = listSectionVersions(db, section.id)[0]?.id ?? ''
	const past = versionDocument(db, versionId)
	if (!past) throw new Error('no version')
	const update = restoreUpdate(loadStoredDocument(db, section.id), past)
	expect(update.byteLength).toBeGreaterThan(0)
	db.insert(docUpdates)
		.values({ docId: section.id, seq: 2, data: Buffer.from(update as Uint8Array), at: 2 })
		.run()
	expect(extractText(loadStoredDocument(db, section.id))).toBe(before)
	// Nothing was rewritten: the later edit is still in the log, followed by the restore.
	expect(db.select().from(docUpdates).where(eq(docUpdates.docId, section.id)).all()).toHaveLength(2)
	// Restoring again changes nothing: the text already reads like the version.
	expect(restoreUpdate(loadStoredDocument(db, section.id), past).byteLength).toBe(0)
})

test('a version of another section cannot be restored here', async () => {
	const { db, section, taskForceId } = await seededSection()
	snapshotSectionVersions(db, { taskForceId, label: 'End of writing', actorId: null, now: 1 })
	const other = db.select().from(sections).where(eq(sections.title, 'Introduction')).get()
	const foreign = listSectionVersions(db, other?.id ?? '')[0]?.id ?? ''
	expect(foreign).not.toBe('')
	expect(findSectionVersion(db, section.id, foreign)).toBeNull()
	expect(findSectionVersion(db, other?.id ?? '', foreign)?.id).toBe(foreign)
})
