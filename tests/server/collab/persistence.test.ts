import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { sections } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { createRandom } from '#db/seed/random.ts'
import { DocStore } from '#server/collab/persistence.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

async function emptySection() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date('2026-11-28T15:00:00Z') })
	const section = db.select().from(sections).where(eq(sections.title, 'Measurement framework')).get()
	if (!section) throw new Error('no section')
	db.$client.prepare('delete from doc_updates where doc_id = ?').run(section.id)
	db.$client.prepare('delete from doc_snapshots where doc_id = ?').run(section.id)
	return { db, store: new DocStore(db), sectionId: section.id }
}

/**
 * Two people typing, deleting and starting paragraphs, each keystroke its own update, the two
 * documents exchanging updates now and then (so each builds on the other's text).
 */
function editingHistory(seed: number, steps: number): Uint8Array[] {
	const random = createRandom(seed)
	const writers = [new Y.Doc(), new Y.Doc()]
	const updates: Uint8Array[] = []
	for (const writer of writers) writer.on('update', (update: Uint8Array) => updates.push(update))
	for (let step = 0; step < steps; step++) {
		const writer = writers[step % 7 < 4 ? 0 : 1] as Y.Doc
		const fragment = writer.getXmlFragment(FRAGMENT_NAME)
		const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
		const paragraph = paragraphs[Math.floor(random.next() * paragraphs.length)]
		const text = paragraph?.get(0)
		if (!paragraph || !(text instanceof Y.XmlText) || random.next() < 0.05) {
			const added = new Y.XmlElement('paragraph')
			added.insert(0, [new Y.XmlText('')])
			fragment.insert(fragment.length, [added])
		} else if (random.next() < 0.25 && text.length > 0) {
			text.delete(Math.floor(random.next() * text.length), 1)
		} else {
			text.insert(
				Math.floor(random.next() * (text.length + 1)),
				String.fromCharCode(97 + Math.floor(random.next() * 26)),
			)
		}
		if (step % 13 === 0) {
			const [a, b] = writers as [Y.Doc, Y.Doc]
			Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
			Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
		}
	}
	return updates
}

/** What the document is when each update is applied on its own, in the order given. */
function oneByOne(updates: readonly Uint8Array[]): Y.Doc {
	const doc = new Y.Doc()
	for (const update of updates) Y.applyUpdate(doc, update)
	return doc
}

function stateVector(doc: Y.Doc): number[] {
	return [...Y.encodeStateVector(doc)]
}

test('loading a snapshot and its log gives the document the updates built, one by one', async () => {
	const { store, sectionId } = await emptySection()
	const updates = editingHistory(7, 600)
	const folded = updates.slice(0, 200)
	const log = updates.slice(200)
	store.compact(sectionId, Y.encodeStateAsUpdate(oneByOne(folded)), 0, Date.now())
	store.append(
		log.map((update, index) => ({ docId: sectionId, seq: index + 1, update, userId: null })),
		Date.now(),
	)

	const loaded = store.load(sectionId)
	const expected = oneByOne(updates)

	expect(loaded.logRows).toBe(log.length)
	expect(loaded.seq).toBe(log.length)
	expect(loaded.doc.getXmlFragment(FRAGMENT_NAME).toString()).toBe(
		expected.getXmlFragment(FRAGMENT_NAME).toString(),
	)
	expect(stateVector(loaded.doc)).toEqual(stateVector(expected))
	expect(loaded.doc.getXmlFragment(FRAGMENT_NAME).toString().length).toBeGreaterThan(200)
})

test('log rows stored out of causal order still load to the same document', async () => {
	const { store, sectionId } = await emptySection()
	const updates = editingHistory(11, 300)
	// Rows whose structs or deletions refer to text that only a later row brings: Yjs keeps them
	// pending until it arrives, within the one load.
	const shuffled = createRandom(3).shuffle(updates)
	store.append(
		shuffled.map((update, index) => ({ docId: sectionId, seq: index + 1, update, userId: null })),
		Date.now(),
	)

	const loaded = store.load(sectionId)
	const expected = oneByOne(updates)

	expect(loaded.doc.store.pendingStructs).toBeNull()
	expect(loaded.doc.store.pendingDs).toBeNull()
	expect(loaded.doc.getXmlFragment(FRAGMENT_NAME).toString()).toBe(
		expected.getXmlFragment(FRAGMENT_NAME).toString(),
	)
	expect(stateVector(loaded.doc)).toEqual(stateVector(expected))
})
