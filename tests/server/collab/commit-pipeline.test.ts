import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import * as decoding from 'lib0/decoding'
import { afterEach, expect, test } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { CommitPipeline, type ServerOrigin } from '#server/collab/commit-pipeline.server.ts'
import { Compactor } from '#server/collab/compactor.server.ts'
import { Connection } from '#server/collab/connection.server.ts'
import { LIMITS } from '#server/collab/limits.server.ts'
import { createCollabMetrics } from '#server/collab/metrics.server.ts'
import { Room } from '#server/collab/room.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { FRAGMENT_NAME, MESSAGE_SYNC, SYNC_UPDATE } from '#shared/collab/messages.ts'
import { presenceUser } from '#shared/collab/presence.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'
import { eventually, RecordingStore } from './collab-harness.ts'

// The pipeline on its own: a real store over a real SQLite file that writes each commit to a log,
// server-side Connections over real loopback sockets that write each send to the same log, and a
// room loaded from the store. The order in the log is the order things happened.

const closing: Array<() => Promise<void> | void> = []
afterEach(async () => {
	for (const close of closing.splice(0).reverse()) await close()
})

async function setUp(
	options: {
		/** The sockets in the room, in the order they join; `writer` is the section's co-chair. */
		names?: readonly string[]
		/** Log rows stored before the room loads (each a small real update). */
		storedRows?: number
	} = {},
) {
	const names = options.names ?? ['writer', 'peer']
	const { db } = createTempDatabase()
	const outline = createOutline(db, { count: 1 })
	const section = nth(outline.sections, 0)
	const users = new Map<string, string>()
	for (const name of names) users.set(name, name === 'writer' ? outline.user.id : createUser(db).id)
	const log: string[] = []
	const store = new RecordingStore(db, log)
	if (options.storedRows) storeRows(store, section.id, options.storedRows)
	log.length = 0
	const metrics = createCollabMetrics()
	const logger = createLogger('silent')
	const compactor = new Compactor(store, metrics, logger)
	closing.push(() => compactor.close())
	const evicted: Room[] = []
	const pipeline = new CommitPipeline({
		store,
		metrics,
		logger,
		compactor,
		evict: (room) => {
			log.push(`evict ${room.id === section.id ? 'section' : room.id}`)
			evicted.push(room)
		},
	})
	const room = new Room(section.id, store.load(section.id))
	room.doc.on('update', (update: Uint8Array, origin: unknown) => pipeline.queue(room, update, origin))
	closing.push(() => room.destroy())

	// One socket per name in the room; each send is written to the log as `send to <name>`.
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
	const server = http.createServer()
	server.on('upgrade', (request, socket, head) =>
		wss.handleUpgrade(request, socket, head, (ws) => {
			const name = new URL(request.url ?? '/', 'http://x').searchParams.get('name') ?? '?'
			const userId = users.get(name) ?? '?'
			const conn = new Connection(
				ws,
				socket,
				{
					userId,
					isAdmin: false,
					sessionId: name,
					sectionId: section.id,
					access: 'write',
					readOnlyReason: null,
					person: presenceUser({ id: userId, name }, null, 'member'),
				},
				() => log.push(`send to ${name}`),
			)
			room.conns.add(conn)
		}),
	)
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	closing.push(async () => {
		wss.close()
		await new Promise<void>((resolve) => server.close(() => resolve()))
	})
	const port = (server.address() as AddressInfo).port
	const received: Record<string, number> = {}
	/** Every message each client got, in the order it got them. */
	const messages: Record<string, Uint8Array[]> = {}
	const conns: Record<string, Connection> = {}
	for (const name of names) {
		received[name] = 0
		messages[name] = []
		const ws = new WebSocket(`ws://127.0.0.1:${port}/?name=${name}`)
		ws.on('message', (data: Buffer) => {
			received[name] = (received[name] ?? 0) + 1
			messages[name]?.push(new Uint8Array(data))
		})
		await new Promise((resolve) => ws.once('open', resolve))
		closing.push(() => ws.terminate())
		// Joins in this order, so that the room (a Set) sends to them in this order.
		await eventually(() => room.conns.size === Object.keys(received).length, `${name} joined the room`)
		conns[name] = [...room.conns].find((conn) => conn.info.sessionId === name) as Connection
	}
	const writer = conns.writer as Connection
	return { db, store, log, pipeline, room, writer, conns, received, messages, evicted }
}

/** Stores `count` log rows for `docId` (one typed character each) in one commit. */
function storeRows(store: RecordingStore, docId: string, count: number): void {
	const doc = new Y.Doc()
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	const text = doc.getText('filler')
	for (let index = 0; index < count; index++) text.insert(index, 'x')
	store.append(
		updates.map((update, index) => ({ docId, seq: index + 1, update, userId: null })),
		Date.now(),
	)
}

/**
 * The paragraphs in each sync update `messages` carries, one list per message (each applied to an
 * empty document on its own, so a message must hold everything it depends on).
 */
function paragraphsIn(messages: readonly Uint8Array[]): string[][] {
	return messages.map((message) => {
		const decoder = decoding.createDecoder(message)
		expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([
			MESSAGE_SYNC,
			SYNC_UPDATE,
		])
		const doc = new Y.Doc()
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
		return doc
			.getXmlFragment(FRAGMENT_NAME)
			.toArray()
			.map((node) => (node as Y.XmlElement).toString().replace(/<[^>]*>/g, ''))
			.sort()
	})
}

/** A paragraph typed by another client, as the update its editor would send. */
function paragraphUpdate(room: Room, text: string): Uint8Array {
	const other = new Y.Doc()
	Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc))
	const before = Y.encodeStateVector(other)
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText(text)])
	other.getXmlFragment(FRAGMENT_NAME).insert(0, [paragraph])
	return Y.encodeStateAsUpdate(other, before)
}

test('an update is committed before it is broadcast, and a held reply goes out after both', async () => {
	const { log, pipeline, room, writer } = await setUp()
	const update = paragraphUpdate(room, 'First paragraph.')

	pipeline.applyFromSocket(room, update, writer)
	room.whenCommitted(() => writer.send(Uint8Array.of(0, 1, 0)))
	const second = paragraphUpdate(room, 'Second paragraph, in the same turn.')
	pipeline.applyFromSocket(room, second, writer)
	room.whenCommitted(() => writer.send(Uint8Array.of(0, 1, 0)))
	await nextTurn()

	// The first update of the turn at once, the rest of the turn at its end; each reply after its commit.
	expect(log).toEqual([
		'commit 1',
		'send to peer',
		'send to writer',
		'commit 2',
		'send to peer',
		'send to writer',
	])
})

test('when a commit fails, nothing is sent, replies stay held and the room is handed back for reloading', async () => {
	const { store, log, pipeline, room, writer, received, evicted } = await setUp()
	store.failCommits = 1
	const before = { ...received }

	pipeline.applyFromSocket(room, paragraphUpdate(room, 'Lost to a full disk?'), writer)
	room.whenCommitted(() => writer.send(Uint8Array.of(0, 1, 0)))
	await nextTurn()
	await new Promise((resolve) => setTimeout(resolve, 50))

	expect(log).toEqual(['commit failed', 'evict section'])
	expect(evicted).toEqual([room])
	expect(received).toEqual(before)
	// Nothing of it is stored: the room reloads without it, and the client sends it again.
	expect(store.load(room.id).doc.getXmlFragment(FRAGMENT_NAME).toString()).toBe('')
})

test('an update that changes nothing leaves the next turn’s first update to go out at once', async () => {
	const { log, pipeline, room, writer } = await setUp()
	const update = paragraphUpdate(room, 'Typed once.')
	pipeline.applyFromSocket(room, update, writer)
	await nextTurn()
	log.length = 0

	// The same update again changes nothing: no doc update event, nothing queued.
	pipeline.applyFromSocket(room, update, writer)
	await nextTurn()
	await nextTurn()

	pipeline.applyFromSocket(room, paragraphUpdate(room, 'A real change, a turn later.'), writer)
	expect(log).toEqual(['commit 2', 'send to peer'])
	await nextTurn()
})

test('several senders in one turn: the first update goes out at once, the rest merged at its end, never back to their only sender', async () => {
	const { log, pipeline, room, conns, messages } = await setUp({ names: ['alice', 'bob', 'peer'] })
	const alice = conns.alice as Connection
	const bob = conns.bob as Connection
	// Typed concurrently on three clients, each against the document as it was.
	const [a1, b1, b2] = [paragraphUpdate(room, 'A1'), paragraphUpdate(room, 'B1'), paragraphUpdate(room, 'B2')]

	pipeline.applyFromSocket(room, a1, alice)
	expect(log).toEqual(['commit 1', 'send to bob', 'send to peer'])
	pipeline.applyFromSocket(room, b1, bob)
	pipeline.applyFromSocket(room, b2, bob)
	expect(log).toHaveLength(3)
	await nextTurn()

	// One commit and one broadcast for the rest of the turn; Bob's own updates are not sent back to him.
	expect(log).toEqual([
		'commit 1',
		'send to bob',
		'send to peer',
		'commit 2,3',
		'send to alice',
		'send to peer',
	])
	await eventually(() => messages.peer?.length === 2, 'the peer got both broadcasts')
	await eventually(
		() => messages.alice?.length === 1 && messages.bob?.length === 1,
		'alice and bob got theirs',
	)
	expect(paragraphsIn(messages.peer ?? [])).toEqual([['A1'], ['B1', 'B2']])
	expect(paragraphsIn(messages.alice ?? [])).toEqual([['B1', 'B2']])
	expect(paragraphsIn(messages.bob ?? [])).toEqual([['A1']])
})

test('a turn’s rest from several senders goes, merged, to every socket, its senders too: no one misses another’s update', async () => {
	const { log, pipeline, room, conns, messages } = await setUp({ names: ['alice', 'bob', 'peer'] })
	const alice = conns.alice as Connection
	const bob = conns.bob as Connection
	const texts = ['A1', 'B1', 'A2', 'B2', 'A3']
	const updates = texts.map((text) => paragraphUpdate(room, text))

	updates.forEach((update, index) => {
		pipeline.applyFromSocket(room, update, index % 2 === 0 ? alice : bob)
	})
	await nextTurn()

	// At most two broadcasts in the turn. The merged one mixes senders, so it goes to everyone:
	// skipping Bob would lose him Alice's A2 and A3 (his own come back too; applying them is a no-op).
	expect(log).toEqual([
		'commit 1',
		'send to bob',
		'send to peer',
		'commit 2,3,4,5',
		'send to alice',
		'send to bob',
		'send to peer',
	])
	await eventually(
		() => messages.peer?.length === 2 && messages.bob?.length === 2 && messages.alice?.length === 1,
		'every broadcast arrived',
	)
	const rest = ['A2', 'A3', 'B1', 'B2']
	expect(paragraphsIn(messages.peer ?? [])).toEqual([['A1'], rest])
	expect(paragraphsIn(messages.bob ?? [])).toEqual([['A1'], rest])
	expect(paragraphsIn(messages.alice ?? [])).toEqual([rest])
	// Every client ends with every paragraph: those it typed and those it was sent.
	const typed: Record<string, string[]> = { alice: ['A1', 'A2', 'A3'], bob: ['B1', 'B2'], peer: [] }
	for (const [name, own] of Object.entries(typed)) {
		expect(new Set([...own, ...paragraphsIn(messages[name] ?? []).flat()])).toEqual(new Set(texts))
	}
})

/** The snapshot's seq and the log's seqs as stored. */
function stored(store: RecordingStore, docId: string) {
	const loaded = store.load(docId)
	return { seq: loaded.seq, logRows: loaded.logRows }
}

test('a log reaching `compactForceRows` is compacted right after the commit that reached it and its broadcast', async () => {
	const force = LIMITS.compactForceRows
	const { store, log, pipeline, room, writer } = await setUp({ storedRows: force - 2 })
	expect(room.logRows).toBe(force - 2)

	// One row short: committed and broadcast, and nothing more, however long we wait.
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'One short.'), writer)
	await nextTurn()
	await new Promise((resolve) => setTimeout(resolve, 20))
	expect(log).toEqual([`commit ${force - 1}`, 'send to peer'])

	// The row that reaches it: the compaction comes after the broadcast, in a later callback.
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'The one that reaches it.'), writer)
	expect(log).toEqual([`commit ${force - 1}`, 'send to peer', `commit ${force}`, 'send to peer'])
	await nextTurn()
	await nextTurn()
	expect(log).toEqual([
		`commit ${force - 1}`,
		'send to peer',
		`commit ${force}`,
		'send to peer',
		`compact ${force}`,
	])
	expect(room.logRows).toBe(0)
	expect(stored(store, room.id)).toEqual({ seq: force, logRows: 0 })
	expect(store.load(room.id).doc.getXmlFragment(FRAGMENT_NAME).toString()).toContain(
		'The one that reaches it.',
	)
})

test('a compaction asked for mid-turn waits for the turn’s end flush: it folds the whole turn, never an uncommitted update', async () => {
	const force = LIMITS.compactForceRows
	const { log, pipeline, room, writer } = await setUp({ storedRows: force - 1 })

	// The turn's first update reaches the threshold and asks for a compaction; a second follows it.
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'Reaches it.'), writer)
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'Same turn.'), writer)
	await nextTurn()
	await nextTurn()

	expect(log).toEqual([
		`commit ${force}`,
		'send to peer',
		`commit ${force + 1}`,
		'send to peer',
		`compact ${force + 1}`,
	])
	expect(room.logRows).toBe(0)
})

test('a compaction asked for at a turn’s end that meets the next turn’s uncommitted update skips; the next commit asks again', async () => {
	const force = LIMITS.compactForceRows
	const { log, pipeline, room, writer } = await setUp({ storedRows: force - 2 })
	const typeAt = (text: string) => pipeline.applyFromSocket(room, paragraphUpdate(room, text), writer)

	// Turn 1: the first update goes out at once (one row short), the second at the turn's end
	// reaches the threshold, and its compaction is set for the next turn's check phase.
	typeAt('One short.')
	typeAt('Reaches it at the turn’s end.')
	await nextTurn()
	expect(log).toEqual([`commit ${force - 1}`, 'send to peer', `commit ${force}`, 'send to peer'])

	// Turn 2 (this callback runs before the compaction set above): its first update goes out at once,
	// its second is applied and still uncommitted when that compaction runs.
	typeAt('Next turn, first.')
	typeAt('Next turn, second.')
	expect(room.uncommitted).toHaveLength(1)
	await nextTurn()
	await nextTurn()

	expect(log).toEqual([
		`commit ${force - 1}`,
		'send to peer',
		`commit ${force}`,
		'send to peer',
		`commit ${force + 1}`,
		'send to peer',
		`commit ${force + 2}`,
		'send to peer',
		`compact ${force + 2}`,
	])
	expect(room.logRows).toBe(0)
})

/** Who each stored log row of `docId` is recorded as written by, in seq order. */
function storedAuthors(db: ReturnType<typeof createTempDatabase>['db'], docId: string): Array<string | null> {
	return db.$client
		.prepare('select user_id from doc_updates where doc_id = ? order by seq')
		.pluck()
		.all(docId) as Array<string | null>
}

test('a change the server makes waits for the turn’s end, goes to every socket, and is stored as its person’s', async () => {
	const { db, log, pipeline, room, writer, messages } = await setUp()
	const origin: ServerOrigin = { userId: writer.info.userId }

	Y.applyUpdate(room.doc, paragraphUpdate(room, 'Restored.'), origin)
	expect(log).toEqual([])
	await nextTurn()
	// No socket sent it, so none is skipped.
	expect(log).toEqual(['commit 1', 'send to writer', 'send to peer'])
	await eventually(() => messages.writer?.length === 1 && messages.peer?.length === 1, 'both got it')
	expect(paragraphsIn(messages.peer ?? [])).toEqual([['Restored.']])

	// It does not take the turn's "at once": a socket's update after it still goes out at once,
	// and carries the server's change with it (one commit, one broadcast, to everyone).
	log.length = 0
	const restored = paragraphUpdate(room, 'Restored again.')
	const typed = paragraphUpdate(room, 'Typed.')
	Y.applyUpdate(room.doc, restored, { userId: null } satisfies ServerOrigin)
	pipeline.applyFromSocket(room, typed, writer)
	expect(log).toEqual(['commit 2,3', 'send to writer', 'send to peer'])
	await nextTurn()
	expect(log).toHaveLength(3)
	expect(storedAuthors(db, room.id)).toEqual([writer.info.userId, null, writer.info.userId])
})

test('one flush commits every room’s updates in one transaction; when it fails, every room in it is handed back', async () => {
	const { db, store, log, pipeline, room, writer, evicted } = await setUp()
	const other = nth(createOutline(db, { count: 1 }).sections, 0)
	const otherRoom = new Room(other.id, store.load(other.id))
	otherRoom.doc.on('update', (update: Uint8Array, origin: unknown) =>
		pipeline.queue(otherRoom, update, origin),
	)
	closing.push(() => otherRoom.destroy())
	const serverEdit = (target: Room, text: string) =>
		Y.applyUpdate(target.doc, paragraphUpdate(target, text), { userId: null } satisfies ServerOrigin)

	// The turn's first socket update goes out at once; the rest of the turn, in both rooms, in one commit.
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'First.'), writer)
	serverEdit(otherRoom, 'In the other section.')
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'Second.'), writer)
	await nextTurn()
	expect(log).toEqual(['commit 1', 'send to peer', 'commit 1,2', 'send to peer'])
	expect(storedAuthors(db, other.id)).toHaveLength(1)

	// A failed commit holding both rooms' updates hands both back, and sends nothing.
	log.length = 0
	store.failCommits = 1
	serverEdit(otherRoom, 'Lost with the disk.')
	pipeline.applyFromSocket(room, paragraphUpdate(room, 'Lost too.'), writer)
	await nextTurn()
	expect(log).toEqual(['commit failed', `evict ${other.id}`, 'evict section'])
	expect(evicted).toEqual([otherRoom, room])
	expect(storedAuthors(db, other.id)).toHaveLength(1)
	expect(storedAuthors(db, room.id)).toHaveLength(2)
})
