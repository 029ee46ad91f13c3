import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, test } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { Connection } from '#server/collab/connection.server.ts'
import { KeepAlive } from '#server/collab/keepalive.server.ts'
import { Room } from '#server/collab/room.server.ts'
import { presenceUser } from '#shared/collab/presence.ts'

// Real sockets on loopback: server-side Connections in Rooms, as the collaboration server holds
// them, and stock ws clients that count what reaches them (and answer pings unless told not to).

const closing: Array<() => Promise<void>> = []
afterEach(async () => {
	for (const close of closing.splice(0)) await close()
})

function emptyRoom(id: string): Room {
	return new Room(id, { doc: new Y.Doc(), seq: 0, logRows: 0, logBytes: 0, snapshotBytes: 0 })
}

type Client = { ws: WebSocket; messages: number; closed: boolean }

/** Opens one client per `layout` entry, in that room; each becomes a Connection in it once upgraded. */
async function serve(rooms: Room[], layout: Array<{ room: number; autoPong?: boolean }>) {
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
	const server = http.createServer()
	let next = 0
	server.on('upgrade', (request, socket, head) =>
		wss.handleUpgrade(request, socket, head, (ws) => {
			const room = rooms[Number(new URL(request.url ?? '/', 'http://x').searchParams.get('room'))] as Room
			const userId = `user-${next++}`
			const conn = new Connection(
				ws,
				socket,
				{
					userId,
					isAdmin: false,
					sessionId: 'session',
					sectionId: room.id,
					access: 'write',
					readOnlyReason: null,
					person: presenceUser({ id: userId, name: userId }, null, 'member'),
				},
				() => {},
			)
			ws.on('pong', () => {
				conn.alive = true
			})
			ws.on('close', () => room.conns.delete(conn))
			room.conns.add(conn)
		}),
	)
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const port = (server.address() as AddressInfo).port
	const clients: Client[] = []
	for (const { room, autoPong = true } of layout) {
		const client: Client = {
			ws: new WebSocket(`ws://127.0.0.1:${port}/?room=${room}`, { autoPong }),
			messages: 0,
			closed: false,
		}
		client.ws.on('message', () => {
			client.messages++
		})
		client.ws.on('close', () => {
			client.closed = true
		})
		await new Promise((resolve) => client.ws.once('open', resolve))
		clients.push(client)
	}
	// Every upgrade has reached its room.
	while (rooms.reduce((sum, room) => sum + room.conns.size, 0) < layout.length) await sleep(5)
	closing.push(async () => {
		for (const client of clients) client.ws.terminate()
		wss.close()
		await new Promise<void>((resolve) => server.close(() => resolve()))
	})
	return clients
}

const total = (clients: Client[]) => clients.reduce((sum, client) => sum + client.messages, 0)

test('each tick serves a share of the sockets, and a period serves every socket once', async () => {
	const rooms = [emptyRoom('a'), emptyRoom('b'), emptyRoom('c')]
	const clients = await serve(
		rooms,
		Array.from({ length: 25 }, (_, index) => ({ room: index % 3 })),
	)
	const keepAlive = new KeepAlive(10)

	const perTick: number[] = []
	for (let period = 0; period < 2; period++) {
		for (let tick = 0; tick < 10; tick++) {
			const before = total(clients)
			keepAlive.tick(rooms)
			await sleep(40)
			perTick.push(total(clients) - before)
		}
		expect(clients.map((client) => client.messages)).toEqual(clients.map(() => period + 1))
	}
	// 25 sockets over 10 ticks: never more than 3 at once (all at once held a big server's loop).
	expect(Math.max(...perTick)).toBe(3)
	expect(clients.every((client) => !client.closed)).toBe(true)
})

test('a socket that did not answer its last ping is terminated at its next visit', async () => {
	const room = emptyRoom('a')
	const [answering, silent] = await serve([room], [{ room: 0 }, { room: 0, autoPong: false }])
	const keepAlive = new KeepAlive(2)

	for (let tick = 0; tick < 2; tick++) keepAlive.tick([room])
	await sleep(50)
	expect(silent?.closed).toBe(false)

	for (let tick = 0; tick < 2; tick++) keepAlive.tick([room])
	await sleep(50)
	expect(silent?.closed).toBe(true)
	expect(answering?.closed).toBe(false)
	expect(room.conns.size).toBe(1)
})
