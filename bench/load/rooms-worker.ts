import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import { BenchClient, loopbackFor, nowMs } from '../lib/client.ts'
import { GeneratorThread, type TypingWindow } from './generator-thread.ts'
import { ROOM_SLOTS, type RoomsWorkerInit } from './rooms-types.ts'

/**
 * One generator thread of the many-rooms run: every client of its rooms, each a Y.Doc typing into
 * its own paragraph now and then. Latency is tagged as in the fan-out generator: the send time
 * of each (client, clock) in a shared table, matched at every peer through `Y.parseUpdateMeta`.
 */
const { config, sendTimes: shared, roomIndexes } = workerData as RoomsWorkerInit
const sendTimes = new Float64Array(shared)
const port = parentPort as NonNullable<typeof parentPort>
const seed = config.seedState ? new Uint8Array(Buffer.from(config.seedState, 'base64')) : null
const clientCount = config.rooms.length * config.clientsPerRoom
const thread = new GeneratorThread()
const clients: Array<{ index: number; client: BenchClient }> = []

/** Counts each peer keystroke once, at its first receipt. */
function receiver(self: number) {
	const highest = new Map<number, number>()
	return (update: Uint8Array, receivedAt: number) => {
		const meta = Y.parseUpdateMeta(update)
		for (const [client, to] of meta.to) {
			const index = client - config.clientBase
			if (index < 0 || index >= clientCount || index === self) continue
			const from = Math.max(meta.from.get(client) ?? 0, highest.get(index) ?? 0)
			for (let clock = from; clock < to && clock < ROOM_SLOTS; clock++) {
				const sentAt = sendTimes[index * ROOM_SLOTS + clock] as number
				if (sentAt > 0) thread.record(receivedAt - sentAt)
			}
			if (to > (highest.get(index) ?? 0)) highest.set(index, to)
		}
	}
}

function connect(room: number, k: number): BenchClient {
	const index = room * config.clientsPerRoom + k
	const docName = config.rooms[room] as string
	const client = new BenchClient({
		url: config.urlBase + docName,
		headers: config.headers[index % config.headers.length],
		localAddress: loopbackFor(index),
		flavor: config.flavor,
		docName,
		full: true,
		applyRemote: false,
		clientId: config.clientBase + index,
		onUpdate: receiver(index),
	})
	// Before the socket opens, so both reach the server in this client's sync step 2 (sends
	// before then are dropped): the room's text (baselines, first client) and the client's paragraph.
	if (seed && k === 0) Y.applyUpdate(client.doc as Y.Doc, seed)
	client.startParagraph()
	clients.push({ index, client })
	return client
}

async function connectAll(): Promise<void> {
	const pending: Array<() => BenchClient> = []
	for (const room of roomIndexes) {
		for (let k = 0; k < config.clientsPerRoom; k++) pending.push(() => connect(room, k))
	}
	await thread.connectStaggered(pending, config.connectBatch)
}

const CHARS = 'etaoin shrdlu cmfwyp vbgkqj xz'

function startTyping({ t0, measureStart, measureEnd }: TypingWindow): void {
	const spread = config.maxIntervalMs - config.minIntervalMs
	for (const { index, client } of clients) {
		const tick = () => {
			const now = nowMs()
			if (now >= measureEnd || client.ws.readyState !== client.ws.OPEN) return
			const clock = client.clock()
			if (now >= measureStart && clock < ROOM_SLOTS) sendTimes[index * ROOM_SLOTS + clock] = nowMs()
			client.type(CHARS[Math.floor(Math.random() * CHARS.length)] as string)
			setTimeout(tick, config.minIntervalMs + Math.random() * spread)
		}
		// First keystrokes spread over one full interval, so the rooms do not type in step.
		setTimeout(tick, Math.max(0, t0 - nowMs()) + Math.random() * config.maxIntervalMs)
	}
}

thread.serve(port, { connect: connectAll, type: startTyping })
