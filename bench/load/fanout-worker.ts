import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import { BenchClient, nowMs } from '../lib/client.ts'
import { SLOTS, type WorkerInit, type WorkerReport } from './fanout-types.ts'
import { measureLagDuring } from './worker-messages.ts'

/**
 * One generator thread: its share of editors (full Y.Docs that type and apply every remote
 * update, as a browser tab would) and viewers (light sockets that only decode frames). Every
 * receipt of an incremental update is matched to its send time through (client, clock), so the
 * tag costs no bytes on the wire.
 */
const { config, sendTimes: sharedTimes, editorIndexes, viewerCount } = workerData as WorkerInit
const sendTimes = new Float64Array(sharedTimes)
const port = parentPort as NonNullable<typeof parentPort>
let latencies = new Float64Array(1 << 16)
let samples = 0
let delivered = 0
let connectFailures = 0
let closedDuringRun = 0
let running = false
const lag = monitorEventLoopDelay({ resolution: 5 })

function record(value: number): void {
	if (samples === latencies.length) {
		const bigger = new Float64Array(latencies.length * 2)
		bigger.set(latencies)
		latencies = bigger
	}
	latencies[samples++] = value
}

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
				if (sentAt > 0) {
					record(receivedAt - sentAt)
					delivered++
				}
			}
			if (to > (highest[editor] as number)) highest[editor] = to
		}
	}
}

const editors: Array<{ index: number; client: BenchClient }> = []
const viewers: BenchClient[] = []

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
				headers: config.viewerHeaders,
				flavor: config.flavor,
				docName: config.docName,
				full: config.fullViewers,
				applyRemote: config.fullViewers,
				onUpdate: receiver(-1),
			})
			viewers.push(client)
			return client
		})
	}
	// Staggered: a few connections at a time, each waiting until synced.
	for (let i = 0; i < pending.length; i += 10) {
		const batch = pending.slice(i, i + 10).map((make) => make())
		await Promise.all(
			batch.map((client) =>
				Promise.race([client.synced, new Promise((resolve) => setTimeout(resolve, 20_000))]),
			),
		)
		for (const client of batch) if (client.ws.readyState !== client.ws.OPEN) connectFailures++
	}
	for (const client of [...editors.map((e) => e.client), ...viewers]) {
		client.closed.then(() => {
			if (running) closedDuringRun++
		})
	}
}

const CHARS = 'etaoin shrdlu cmfwyp vbgkqj xz'

function startTyping(t0: number, measureStart: number, measureEnd: number): void {
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

port.on(
	'message',
	async (message: { type: string; t0?: number; measureStart?: number; measureEnd?: number }) => {
		if (message.type === 'connect') {
			await connectAll()
			port.postMessage({ type: 'ready' })
		} else if (message.type === 'start') {
			running = true
			const { t0, measureStart, measureEnd } = message as {
				t0: number
				measureStart: number
				measureEnd: number
			}
			startTyping(t0, measureStart, measureEnd)
			measureLagDuring(lag, measureStart, measureEnd)
		} else if (message.type === 'collect') {
			running = false
			const report: WorkerReport = {
				latencies: latencies.slice(0, samples),
				delivered,
				connectFailures,
				closedDuringRun,
				lagP99Ms: lag.percentile(99) / 1e6,
				lagMaxMs: lag.max / 1e6,
			}
			port.postMessage({ type: 'report', report }, [report.latencies.buffer as ArrayBuffer])
			for (const { client } of editors) client.close()
			for (const client of viewers) client.close()
		}
	},
)
