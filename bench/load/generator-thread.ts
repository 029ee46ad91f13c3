import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'
import type { MessagePort } from 'node:worker_threads'
import { type BenchClient, nowMs } from '../lib/client.ts'

/** What each generator thread measured (fan-out and many-rooms alike). */
export type WorkerReport = {
	latencies: Float64Array
	delivered: number
	connectFailures: number
	closedDuringRun: number
	lagP99Ms: number
	lagMaxMs: number
}

/** The typing window the orchestrator gives every thread (`nowMs()` clock). */
export type TypingWindow = { t0: number; measureStart: number; measureEnd: number }

/**
 * The side of a generator thread that is the same for every scenario: its delivery latencies, the
 * staggered connect, and the answers to the orchestrator — `connect` (→ `ready`), `start` (type
 * through the window, the thread's own lag measured over it) and `collect` (→ `report`, then the
 * clients close). What clients there are and how a receipt is matched is the scenario's.
 */
export class GeneratorThread {
	#latencies = new Float64Array(1 << 16)
	#samples = 0
	#delivered = 0
	#connectFailures = 0
	#closedDuringRun = 0
	#running = false
	#clients: BenchClient[] = []
	readonly #lag = monitorEventLoopDelay({ resolution: 5 })

	/** One keystroke delivered to one peer, `latencyMs` after it was sent. */
	record(latencyMs: number): void {
		if (this.#samples === this.#latencies.length) {
			const bigger = new Float64Array(this.#latencies.length * 2)
			bigger.set(this.#latencies)
			this.#latencies = bigger
		}
		this.#latencies[this.#samples++] = latencyMs
		this.#delivered++
	}

	/**
	 * Opens clients `batch` at a time, each batch until synced (at most 20 s); counts those that did
	 * not open and, later, those that close while typing.
	 */
	async connectStaggered(makers: Array<() => BenchClient>, batch: number): Promise<void> {
		for (let i = 0; i < makers.length; i += batch) {
			const opened = makers.slice(i, i + batch).map((make) => make())
			await Promise.all(
				opened.map((client) =>
					Promise.race([client.synced, new Promise((resolve) => setTimeout(resolve, 20_000))]),
				),
			)
			for (const client of opened) if (client.ws.readyState !== client.ws.OPEN) this.#connectFailures++
			this.#clients.push(...opened)
		}
		for (const client of this.#clients) {
			client.closed.then(() => {
				if (this.#running) this.#closedDuringRun++
			})
		}
	}

	/** Answers the orchestrator on `port`; `connect` opens the clients, `type` starts the keystrokes. */
	serve(port: MessagePort, scenario: { connect: () => Promise<void>; type: (window: TypingWindow) => void }) {
		port.on('message', async (message: { type: string } & TypingWindow) => {
			if (message.type === 'connect') {
				await scenario.connect()
				port.postMessage({ type: 'ready' })
			} else if (message.type === 'start') {
				this.#running = true
				scenario.type(message)
				measureLagDuring(this.#lag, message.measureStart, message.measureEnd)
			} else if (message.type === 'collect') {
				this.#running = false
				const report: WorkerReport = {
					latencies: this.#latencies.slice(0, this.#samples),
					delivered: this.#delivered,
					connectFailures: this.#connectFailures,
					closedDuringRun: this.#closedDuringRun,
					lagP99Ms: this.#lag.percentile(99) / 1e6,
					lagMaxMs: this.#lag.max / 1e6,
				}
				port.postMessage({ type: 'report', report }, [report.latencies.buffer as ArrayBuffer])
				for (const client of this.#clients) client.close()
			}
		})
	}
}

/** Records a thread's event-loop delay over the measuring window only (connecting is not part of it). */
function measureLagDuring(lag: IntervalHistogram, measureStart: number, measureEnd: number): void {
	setTimeout(
		() => {
			lag.reset()
			lag.enable()
		},
		Math.max(0, measureStart - nowMs()),
	)
	setTimeout(() => lag.disable(), Math.max(0, measureEnd - nowMs()))
}
