import { eq } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { sections } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { Compactor } from '#server/collab/compactor.server.ts'
import { LoadBackChecker } from '#server/collab/load-back.server.ts'
import { createCollabMetrics } from '#server/collab/metrics.server.ts'
import { DocStore } from '#server/collab/persistence.server.ts'
import { Room } from '#server/collab/room.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const closing: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
	for (const item of closing.splice(0)) await item.close()
})

async function seededRoom() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date('2026-11-28T15:00:00Z') })
	const section = db.select().from(sections).where(eq(sections.title, 'Measurement framework')).get()
	if (!section) throw new Error('no section')
	const store = new DocStore(db)
	return { db, store, room: new Room(section.id, store.load(section.id)) }
}

/** Types a paragraph into the room and stores it, as the collaboration server does for a socket. */
function type(store: DocStore, room: Room, text: string): void {
	const writer = new Y.Doc()
	Y.applyUpdate(writer, Y.encodeStateAsUpdate(room.doc))
	const fragment = writer.getXmlFragment(FRAGMENT_NAME)
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText(text)])
	const before = Y.encodeStateVector(room.doc)
	fragment.insert(fragment.length, [paragraph])
	const update = Y.encodeStateAsUpdate(writer, before)
	Y.applyUpdate(room.doc, update)
	room.seq += 1
	room.logRows += 1
	room.logBytes += update.byteLength
	store.append([{ docId: room.id, seq: room.seq, update, userId: null }], Date.now())
}

function stored(db: Db, sectionId: string) {
	const snapshot = db.$client.prepare('select seq from doc_snapshots where doc_id = ?').get(sectionId) as
		| { seq: number }
		| undefined
	const rows = db.$client
		.prepare('select seq from doc_updates where doc_id = ? order by seq')
		.pluck()
		.all(sectionId) as number[]
	return { snapshotSeq: snapshot?.seq ?? null, logSeqs: rows }
}

function text(store: DocStore, sectionId: string): string {
	return store.load(sectionId).doc.getXmlFragment(FRAGMENT_NAME).toString()
}

function compactorFor(store: DocStore, inWorkerBytes: number) {
	const compactor = new Compactor(store, createCollabMetrics(), createLogger('silent'), { inWorkerBytes })
	closing.push(compactor)
	return compactor
}

test('the load-back check in the worker tells a state that loads from one that does not', async () => {
	const checker = new LoadBackChecker()
	closing.push(checker)
	const doc = new Y.Doc()
	doc.getText('t').insert(0, 'hello')
	const state = Y.encodeStateAsUpdate(doc)
	expect(await checker.check(state, Y.encodeStateVector(doc))).toBe('loads')
	const other = new Y.Doc()
	other.getText('t').insert(0, 'another client')
	expect(await checker.check(state, Y.encodeStateVector(other))).toBe('unloadable')
	expect(await checker.check(Uint8Array.of(9, 9, 9, 9), Y.encodeStateVector(doc))).toBe('unloadable')
})

test('checked in the worker, the snapshot folds the rows it encoded; rows typed meanwhile stay in the log', async () => {
	const { db, store, room } = await seededRoom()
	for (let i = 0; i < 5; i++) type(store, room, `paragraph ${i}`)
	const compactor = compactorFor(store, 0) // every state goes to the worker
	const done = compactor.compact(room)
	type(store, room, 'typed while the worker checks')
	await done
	expect(stored(db, room.id)).toEqual({ snapshotSeq: room.seq - 1, logSeqs: [room.seq] })
	expect(room.logRows).toBe(1)
	const reloaded = text(store, room.id)
	expect(reloaded).toContain('paragraph 4')
	expect(reloaded).toContain('typed while the worker checks')
	expect(reloaded).toBe(room.doc.getXmlFragment(FRAGMENT_NAME).toString())
})

test('a snapshot never moves back: a check that finishes after a newer compaction changes nothing', async () => {
	const { db, store, room } = await seededRoom()
	type(store, room, 'first')
	const slow = compactorFor(store, 0).compact(room) // encodes up to "first", answers later
	type(store, room, 'second')
	compactorFor(store, Number.POSITIVE_INFINITY).compactNow(room) // folds both, at once
	await slow
	expect(stored(db, room.id)).toEqual({ snapshotSeq: room.seq, logSeqs: [] })
	expect(text(store, room.id)).toContain('second')
})
