import * as Y from 'yjs'
import { WorkerRequests } from './worker-requests.server.ts'

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
	readonly #worker = new WorkerRequests<{ state: Uint8Array; stateVector: Uint8Array }, { loads: boolean }>(
		new URL('./load-back-worker.mjs', import.meta.url),
	)

	check(state: Uint8Array, stateVector: Uint8Array): Promise<LoadBackResult> {
		// A copy: the caller stores `state` once it is known to load.
		return this.#worker.request({ state: state.slice(), stateVector }).then(
			({ loads }) => (loads ? 'loads' : 'unloadable'),
			() => 'failed',
		)
	}

	/** Stops the worker; checks still pending answer 'failed'. */
	close(): Promise<void> {
		return this.#worker.close()
	}
}
