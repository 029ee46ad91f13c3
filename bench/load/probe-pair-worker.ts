import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import { BenchClient, nowMs } from '../lib/client.ts'
import type { ProbePairConfig } from '../lib/probe-pair.ts'

/**
 * Two clients in a room of their own, on a thread of their own: one types a character every
 * `intervalMs`, the other records when each keystroke (Yjs clock) arrives. While another room
 * loads a large document, their latency shows whether the server kept serving everyone else.
 */
const config = workerData.config as ProbePairConfig
const port = parentPort as NonNullable<typeof parentPort>
const SLOTS = 1 << 16
const sent = new Float64Array(SLOTS)
const received = new Float64Array(SLOTS)
const clientId = 7_000_000 + Math.floor(Math.random() * 1_000_000_000)

const common = { url: config.url, flavor: config.flavor, docName: config.docName }
const sender = new BenchClient({
	...common,
	headers: config.senderHeaders,
	full: true,
	applyRemote: false,
	clientId,
})
const receiver = new BenchClient({
	...common,
	headers: config.receiverHeaders,
	full: false,
	onUpdate: (update, at) => {
		const meta = Y.parseUpdateMeta(update)
		const to = Math.min(meta.to.get(clientId) ?? 0, SLOTS)
		for (let clock = meta.from.get(clientId) ?? to; clock < to; clock++) {
			if (received[clock] === 0) received[clock] = at
		}
	},
})

let timer: NodeJS.Timeout | null = null
await Promise.all([sender.synced, receiver.synced])
sender.startParagraph()
const tick = () => {
	const clock = sender.clock()
	if (clock < SLOTS) sent[clock] = nowMs()
	sender.type('x')
	timer = setTimeout(tick, config.intervalMs)
}
tick()
port.postMessage({ type: 'ready' })

port.on('message', (message: { type: string }) => {
	if (message.type !== 'stop') return
	if (timer) clearTimeout(timer)
	// Whatever is still on its way gets a moment to arrive.
	setTimeout(() => {
		port.postMessage({ type: 'trace', sent, received })
		sender.close()
		receiver.close()
	}, 500)
})
