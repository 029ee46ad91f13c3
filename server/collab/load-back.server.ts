import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'

/** Whether `state` loads into a fresh document and yields `stateVector` (of the document encoded). */
export function loadsBack(state: Uint8Array, stateVector: Uint8Array): boolean {
	const probe = new Y.Doc()
	try {
		Y.applyUpdate(probe, state)
		const actual = Y.encodeStateVector(probe)
		return actual.length === stateVector.length && actual.every((byte, index) => byte === stateVector[index])
	} catch {
		return false
	} finally {
		probe.destroy()
	}
}

/** `loads`: the state loads back; `unloadable`: it does not; `failed`: the check itself could not run. */
export type LoadBackResult = 'loads' | 'unloadable' | 'failed'

/**
 * Runs `loadsBack` in a worker thread. Loading a 16 MB state back takes ~1.5 s, which on the
 * server's own thread held up every other section. One worker, started on first use and again
 * after it fails; checks run one after another in it.
 */
export class LoadBackChecker {
	#worker: Worker | null = null
	#next = 1
	readonly #pending = new Map<number, (result: LoadBackResult) => void>()

	check(state: Uint8Array, stateVector: Uint8Array): Promise<LoadBackResult> {
		const worker = this.#worker ?? this.#start()
		const id = this.#next++
		// Held open while a check is pending, so an idle server can still exit.
		worker.ref()
		return new Promise((resolve) => {
			this.#pending.set(id, resolve)
			// A copy: the caller stores `state` once it is known to load.
			worker.postMessage({ id, state: state.slice(), stateVector })
		})
	}

	async close(): Promise<void> {
		const worker = this.#worker
		this.#worker = null
		this.#settleAll('failed')
		await worker?.terminate()
	}

	#start(): Worker {
		const worker = new Worker(new URL('./load-back-worker.mjs', import.meta.url))
		worker.unref()
		worker.on('message', ({ id, loads }: { id: number; loads: boolean }) => {
			const resolve = this.#pending.get(id)
			this.#pending.delete(id)
			if (this.#pending.size === 0) worker.unref()
			resolve?.(loads ? 'loads' : 'unloadable')
		})
		const fail = () => {
			if (this.#worker !== worker) return
			this.#worker = null
			this.#settleAll('failed')
		}
		worker.on('error', fail)
		worker.on('exit', fail)
		this.#worker = worker
		return worker
	}

	#settleAll(result: LoadBackResult): void {
		for (const resolve of this.#pending.values()) resolve(result)
		this.#pending.clear()
	}
}
