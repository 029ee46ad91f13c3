import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { docSnapshots, docUpdates, memberships, sectionVersions } from '#db/schema/index.ts'
import { LIMITS } from '#server/collab/limits.server.ts'
import { BASELINE_LABEL } from '#server/collab/version-keeper.server.ts'
import { describeText } from '#server/sections/describe-text.server.ts'
import { versionDocument } from '#server/sections/section-versions.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { FRAGMENT_NAME, MESSAGE_SYNC, SYNC_STEP_2 } from '#shared/collab/messages.ts'
import { connectCollab } from '../../e2e/collab-client.ts'
import { closeAfterTest, eventually, messageKind, openRaw, startCollab } from './collab-harness.ts'

// A section stored in `LIMITS.offThreadLoadBytes` or more is loaded by the section-load worker and
// built here in slices, one per turn of the event loop: its sockets wait (paused) while the rest
// of the server goes on. Real worker thread, real SQLite file, real sockets.

/** About 2.2 MB of text: well past the limit, and long enough to load that others can be seen in between. */
const LARGE = 8_000

test('a large section is loaded once for every socket that asks at once, and each gets all of it', async () => {
	const harness = await startCollab()
	const stored = harness.storeLargeText(LARGE)
	expect(harness.collab.store.storedBytes(harness.section.id)).toBeGreaterThan(LIMITS.offThreadLoadBytes)
	const clients = ['Ada', 'Ben', 'Cy'].map((name) => {
		const client = connectCollab(
			harness.origin,
			harness.section.id,
			harness.signIn('co_chair', { name }).cookie,
		)
		closeAfterTest(() => client.destroy())
		return client
	})
	await Promise.all(clients.map((client) => client.synced))
	const expected = stored.getXmlFragment(FRAGMENT_NAME).toString()
	for (const client of clients) expect(client.text()).toBe(expected)
	expect(harness.collab.rooms.size).toBe(1)
	expect(
		(await harness.metrics.load.get()).values.find((value) => value.metricName?.endsWith('_count'))?.value,
	).toBe(1)

	// A live room like any other: an edit reaches the others and is stored.
	clients[0]?.append('Written after a large load.')
	await eventually(
		() => clients.every((client) => client.text().includes('Written after a large load.')),
		'the edit reaches every writer',
	)
	const rows = harness.db.select().from(docUpdates).where(eq(docUpdates.docId, harness.section.id)).all()
	expect(rows.length).toBeGreaterThan(0)
})

test('its first writer keeps the text as loaded, encoded and described by the worker', async () => {
	const harness = await startCollab()
	const stored = harness.storeLargeText(LARGE)
	const client = connectCollab(harness.origin, harness.section.id, harness.signIn('co_chair').cookie)
	closeAfterTest(() => client.destroy())
	await client.synced
	await eventually(() => harness.db.select().from(sectionVersions).all().length === 1, 'a baseline version')
	const [version] = harness.db.select().from(sectionVersions).all()
	expect(version?.label).toBe(BASELINE_LABEL)
	// Written in parts, one per turn (a 16 MB blob at once held the loop up to 240 ms).
	expect(version?.parts).toBe(Math.ceil(Y.encodeStateAsUpdate(stored).byteLength / LIMITS.versionPartBytes))
	expect(version?.parts).toBeGreaterThan(1)
	const kept = versionDocument(harness.db, version?.id as string)
	expect(kept?.getXmlFragment(FRAGMENT_NAME).toString()).toBe(stored.getXmlFragment(FRAGMENT_NAME).toString())
	const { wordCount, excerpt, digest } = describeText(stored)
	expect({ wordCount: version?.wordCount, excerpt: version?.excerpt, digest: version?.digest }).toEqual({
		wordCount,
		excerpt,
		digest,
	})
})

test('while a large section loads, another section is served', async () => {
	const harness = await startCollab({ sections: 2 })
	const large = harness.section.id
	const small = harness.outline.sections[1]?.id as string
	harness.storeLargeText(LARGE)
	const { cookie } = harness.signIn('co_chair')
	const waiting = await openRaw(harness.origin, large, cookie)
	waiting.sendStep1()
	const other = await openRaw(harness.origin, small, cookie)
	other.sendStep1()
	const answered = (messages: Uint8Array[]) =>
		messages.some((message) => {
			const kind = messageKind(message)
			return kind.type === MESSAGE_SYNC && kind.step === SYNC_STEP_2
		})
	await eventually(() => answered(other.messages), 'the small section answers')
	// Before the large one was ready: its socket has had nothing yet.
	expect(harness.collab.rooms.has(large)).toBe(false)
	expect(waiting.messages).toEqual([])
	// And then it answers what was sent while it waited.
	await eventually(() => answered(waiting.messages), 'the large section answers its early question', 30_000)
})

test('a large section that cannot be read closes its sockets and creates nothing', async () => {
	const harness = await startCollab()
	harness.db
		.insert(docSnapshots)
		.values({
			docId: harness.section.id,
			// Not a Yjs update: what a damaged disk would give back.
			state: Buffer.alloc(LIMITS.offThreadLoadBytes + 1, 0xff),
			seq: 0,
			updatedAt: Date.now(),
		})
		.run()
	const { cookie } = harness.signIn('co_chair')
	const clients = await Promise.all([1, 2].map(() => openRaw(harness.origin, harness.section.id, cookie)))
	for (const client of clients) expect((await client.closed).code).toBe(CLOSE_CODES.LOAD_FAILED)
	expect(harness.collab.rooms.size).toBe(0)
	expect(harness.db.select().from(sectionVersions).all()).toEqual([])
})

test('a large section unchanged since it loaded folds its log into the snapshot the worker encoded', async () => {
	const harness = await startCollab()
	const stored = harness.storeLargeText(LARGE)
	// Three log rows after the snapshot, as writers would have left them.
	const writerDoc = new Y.Doc()
	Y.applyUpdate(writerDoc, Y.encodeStateAsUpdate(stored))
	for (const [index, words] of ['One more line.', 'And another.', 'The last.'].entries()) {
		const before = Y.encodeStateVector(writerDoc)
		const paragraph = new Y.XmlElement('paragraph')
		paragraph.insert(0, [new Y.XmlText(words)])
		writerDoc.getXmlFragment(FRAGMENT_NAME).push([paragraph])
		const update = Y.encodeStateAsUpdate(writerDoc, before)
		harness.db
			.insert(docUpdates)
			.values({
				docId: harness.section.id,
				seq: index + 1,
				data: Buffer.from(update),
				userId: null,
				at: Date.now(),
			})
			.run()
	}
	const reader = connectCollab(harness.origin, harness.section.id, harness.signIn('observer').cookie)
	closeAfterTest(() => reader.destroy())
	await reader.synced
	expect(reader.text()).toBe(writerDoc.getXmlFragment(FRAGMENT_NAME).toString())

	harness.collab.shutdown()
	const rows = harness.db.select().from(docUpdates).where(eq(docUpdates.docId, harness.section.id)).all()
	expect(rows).toEqual([])
	const snapshot = harness.db
		.select()
		.from(docSnapshots)
		.where(eq(docSnapshots.docId, harness.section.id))
		.get()
	expect(snapshot?.seq).toBe(3)
	const folded = new Y.Doc()
	Y.applyUpdate(folded, snapshot?.state as Buffer)
	expect(folded.getXmlFragment(FRAGMENT_NAME).toString()).toBe(
		writerDoc.getXmlFragment(FRAGMENT_NAME).toString(),
	)
})

test('an access change made while a large section loads holds for the socket that waited', async () => {
	const harness = await startCollab()
	harness.storeLargeText(LARGE)
	const { user, cookie } = harness.signIn('co_chair')
	const waiting = await openRaw(harness.origin, harness.section.id, cookie)
	expect(harness.collab.rooms.has(harness.section.id)).toBe(false)
	// Made an observer while the section loads, as the app's role change does it: commit, then say so.
	harness.db
		.update(memberships)
		.set({ role: 'observer' })
		.where(and(eq(memberships.taskForceId, harness.outline.taskForce.id), eq(memberships.userId, user.id)))
		.run()
	harness.collab.accessChanged({ userId: user.id })

	await eventually(
		() => harness.collab.rooms.get(harness.section.id)?.conns.size === 1,
		'the socket joins',
		30_000,
	)
	const [conn] = harness.collab.rooms.get(harness.section.id)?.conns ?? []
	expect(conn?.access).toBe('read')
	expect(waiting.ws.readyState).toBe(waiting.ws.OPEN)
})

test('a large section nested too deeply to describe still loads (its text is shown as plain text)', async () => {
	const harness = await startCollab()
	// Stored before the structure rule: 20,000 nested quotes, deeper than a recursive walk can go.
	const doc = new Y.Doc()
	doc.transact(() => {
		let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(FRAGMENT_NAME)
		for (let level = 0; level < 20_000; level++) {
			const quote = new Y.XmlElement('blockquote')
			parent.insert(parent.length, [quote])
			parent = quote
		}
	})
	const state = Y.encodeStateAsUpdate(doc)
	harness.db
		.insert(docSnapshots)
		.values({ docId: harness.section.id, state: Buffer.from(state), seq: 0, updatedAt: Date.now() })
		.run()
	expect(state.byteLength).toBeGreaterThan(LIMITS.offThreadLoadBytes)
	const reader = await openRaw(harness.origin, harness.section.id, harness.signIn('co_chair').cookie)
	reader.sendStep1()
	await eventually(
		() => reader.messages.some((message) => messageKind(message).step === SYNC_STEP_2),
		'the whole section is sent',
		30_000,
	)
	expect(harness.collab.rooms.has(harness.section.id)).toBe(true)
})
