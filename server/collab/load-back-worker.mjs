// Plain JavaScript: worker threads do not inherit tsx's loader, so this file must run as it is.
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'

/**
 * The worker of `LoadBackChecker`: loads an encoded state into a fresh document and compares its
 * state vector with the one expected. Answers `{ id, loads }`; never throws back.
 */
parentPort?.on('message', ({ id, state, stateVector }) => {
	const probe = new Y.Doc()
	let loads = false
	try {
		Y.applyUpdate(probe, state)
		const actual = Y.encodeStateVector(probe)
		loads = actual.length === stateVector.length && actual.every((byte, index) => byte === stateVector[index])
	} catch {
		loads = false
	} finally {
		probe.destroy()
	}
	parentPort?.postMessage({ id, loads })
})
