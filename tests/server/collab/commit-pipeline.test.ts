import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, expect, test } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { CommitPipeline } from '#server/collab/commit-pipeline.server.ts'
import { Compactor } from '#server/collab/compactor.server.ts'
import { Connection } from '#server/collab/connection.server.ts'
import { createCollabMetrics } from '#server/collab/metrics.server.ts'
import { Room } from '#server/collab/room.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
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

async function setUp() {
	const { db } = createTempDatabase()
	const outline = createOutline(db, { count: 1 })
	const section = nth(outline.sections, 0)
	const peerUser = createUser(db)
	const log: string[] = []
	const store = new RecordingStore(db, log)
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

	// Two sockets in the room: `writer` sends, `peer` receives the broadcast.
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
	const server = http.createServer()
	server.on('upgrade', (request, socket, head) =>
		wss.handleUpgrade(request, socket, head, (ws) => {
			const name = new URL(request.url ?? '/', 'http://x').searchParams.get('name') ?? '?'
			const userId = name === 'writer' ? outline.user.id : peerUser.id
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
	const received: Record<string, number> = { writer: 0, peer: 0 }
	for (const name of ['writer', 'peer']) {
		const ws = new WebSocket(`ws://127.0.0.1:${port}/?name=${name}`)
		ws.on('message', () => {
			received[name] = (received[name] ?? 0) + 1
		})
		await new Promise((resolve) => ws.once('open', resolve))
		closing.push(() => ws.terminate())
	}
	await eventually(() => room.conns.size === 2, 'both sockets joined the room')
	const writer = [...room.conns].find((conn) => conn.info.userId === outline.user.id) as Connection
	return { db, store, log, pipeline, room, writer, received, evicted }
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
