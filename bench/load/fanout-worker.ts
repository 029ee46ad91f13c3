import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import { BenchClient, nowMs } from '../lib/client.ts'
import { SLOTS, type WorkerInit } from './fanout-types.ts'
import { GeneratorThread, type TypingWindow } from './generator-thread.ts'

/**
 * One generator thread: its share of editors (full Y.Docs that type and apply every remote
 * update, as a browser tab would) and viewers (light sockets that only decode frames). Every
 * receipt of an incremental update is matched to its send time through (client, clock), so the
 * tag costs no bytes on the wire.
 */
const {
	config,
	index: workerIndex,
	sendTimes: sharedTimes,
	editorIndexes,
	viewerCount,
} = workerData as WorkerInit
const sendTimes = new Float64Array(sharedTimes)
const port = parentPort as NonNullable<typeof parentPort>
const thread = new GeneratorThread()

/** A receiver's view: the highest clock already counted per editor, so nothing counts twice. */
function receiver(self: number) {
	const highest = new Int32Array(config.editors)
	return (update: Uint8Array, receivedAt: number) => {
		const meta = Y.parseUpdateMeta(update)
		for (const [client, to] of meta.to) {
			const editor = client - config.clientBase
			if (editor < 0 || editor >= config.editors || editor === self) continue
			const from = Math.max(meta.from.get(client) ?? 0, highest[editor] as number)
			for (let clock = from; clock < to && clock < SLOTS; clock++) {
				const sentAt = sendTimes[editor * SLOTS + clock] as number
				if (sentAt > 0) thread.record(receivedAt - sentAt)
			}
			if (to > (highest[editor] as number)) highest[editor] = to
		}
	}
}

const editors: Array<{ index: number; client: BenchClient }> = []

async function connectAll(): Promise<void> {
	const pending: Array<() => BenchClient> = []
	for (const index of editorIndexes) {
		pending.push(() => {
			const client = new BenchClient({
				url: config.editorUrl,
				headers: config.editorHeaders[index % config.editorHeaders.length],
				flavor: config.flavor,
				docName: config.docName,
				full: true,
				applyRemote: config.editorDocs,
				clientId: config.clientBase + index,
				onUpdate: receiver(index),
			})
			editors.push({ index, client })
			return client
		})
	}
	for (let i = 0; i < viewerCount; i++) {
		pending.push(() => {
			const client = new BenchClient({
				url: config.viewerUrl,
				// Viewers are numbered across workers as editors are, so each session gets its share.
				headers: config.viewerHeaders[(workerIndex + i * config.workers) % config.viewerHeaders.length],
				flavor: config.flavor,
				docName: config.docName,
				full: config.fullViewers,
				applyRemote: config.fullViewers,
				onUpdate: receiver(-1),
			})
			return client
		})
	}
	// Staggered: a few connections at a time, each waiting until synced.
	await thread.connectStaggered(pending, 10)
}

const CHARS = 'etaoin shrdlu cmfwyp vbgkqj xz'

function startTyping({ t0, measureStart, measureEnd }: TypingWindow): void {
	const interval = 1000 / config.rate
	for (const { index, client } of editors) {
		const tick = () => {
			const now = nowMs()
			if (now >= measureEnd || client.ws.readyState !== client.ws.OPEN) return
			const clock = client.clock()
			const char = CHARS[Math.floor(Math.random() * CHARS.length)] as string
			if (now >= measureStart && clock < SLOTS) sendTimes[index * SLOTS + clock] = nowMs()
			client.type(char)
			setTimeout(tick, interval * (0.5 + Math.random()))
		}
		// Spread the editors' first keystrokes over one interval.
		setTimeout(tick, Math.max(0, t0 - nowMs()) + Math.random() * interval)
	}
}

thread.serve(port, { connect: connectAll, type: startTyping })
