import { Worker } from 'node:worker_threads'
import type { Flavor } from './client.ts'
import { percentile } from './stats.ts'

/** Where the probe pair connects (see bench/load/probe-pair-worker.ts). */
export type ProbePairConfig = {
	url: string
	flavor: Flavor
	docName: string
	senderHeaders?: Record<string, string>
	receiverHeaders?: Record<string, string>
	intervalMs: number
}

/** Send and receipt time (ms, `nowMs`) per keystroke clock; 0 = not sent / not received. */
export type ProbeTrace = { sent: Float64Array; received: Float64Array }

/** What the probe saw for keystrokes sent within a window. */
export type ProbeWindow = { count: number; p99: number; max: number; lost: number }

/** Starts the probe pair on a worker thread; resolves once both clients synced and typing began. */
export async function startProbePair(config: ProbePairConfig): Promise<{ stop: () => Promise<ProbeTrace> }> {
	const worker = new Worker(new URL('../load/worker-entry.mjs', import.meta.url), {
		workerData: { module: new URL('../load/probe-pair-worker.ts', import.meta.url).href, config },
	})
	const next = (type: string) =>
		new Promise<{ type: string } & Partial<ProbeTrace>>((resolve, reject) => {
			const onMessage = (message: { type: string } & Partial<ProbeTrace>) => {
				if (message.type !== type) return
				worker.off('message', onMessage)
				resolve(message)
			}
			worker.on('message', onMessage)
			worker.once('error', reject)
		})
	await next('ready')
	return {
		async stop() {
			const trace = next('trace')
			worker.postMessage({ type: 'stop' })
			const { sent, received } = (await trace) as ProbeTrace
			await worker.terminate()
			return { sent, received }
		},
	}
}

/**
 * Latency of the keystrokes sent between `from` and `to` (ms, `nowMs`). A keystroke sent into a
 * stall waits out the rest of it, so the max over a window is about the longest stall in it.
 * Keystrokes never received count as lost (and as latency up to the end of the trace).
 */
export function probeWindow(trace: ProbeTrace, from: number, to: number): ProbeWindow {
	const latencies: number[] = []
	let lost = 0
	for (let clock = 0; clock < trace.sent.length; clock++) {
		const sentAt = trace.sent[clock] as number
		if (sentAt === 0 || sentAt < from || sentAt > to) continue
		const receivedAt = trace.received[clock] as number
		if (receivedAt === 0) lost++
		else latencies.push(receivedAt - sentAt)
	}
	const sorted = Float64Array.from(latencies).sort()
	return {
		count: latencies.length + lost,
		p99: percentile(sorted, 99),
		max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
		lost,
	}
}
