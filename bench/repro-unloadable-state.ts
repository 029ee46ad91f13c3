import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { validateUpdate } from '../server/collab/validate-update.server.ts'
import { frameSource } from './lib/fuzz-frames.ts'

/**
 * Reproduces the fuzzer's finding offline (`npx tsx bench/repro-unloadable-state.ts`): a run of
 * mutated but *valid* updates — each passes Convene's `validateUpdate` and applies to the live
 * document — can leave a document whose own `Y.encodeStateAsUpdate` no longer applies to a fresh
 * Y.Doc. Convene writes exactly that state as a section's snapshot when it compacts, so after a
 * restart such a section would fail to load. Prints the first seed and frame where it happens.
 */
let found = 0
for (let seed = 1; seed <= 40 && found < 3; seed++) {
	const next = frameSource(seed)
	const doc = new Y.Doc({ gc: true })
	for (let i = 0; i < 5_000; i++) {
		const frame = next()
		let payload: Uint8Array
		try {
			const decoder = decoding.createDecoder(frame.bytes)
			if (decoding.readVarUint(decoder) !== 0) continue
			const step = decoding.readVarUint(decoder)
			if (step !== 1 && step !== 2) continue
			payload = decoding.readVarUint8Array(decoder)
			if (decoding.hasContent(decoder)) continue
			validateUpdate(payload, doc)
			Y.applyUpdate(doc, payload)
		} catch {
			continue // refused, as the server would refuse it
		}
		try {
			Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc))
		} catch (error) {
			found++
			process.stdout.write(
				`seed ${seed}, frame ${i} (${frame.kind}): the state no longer loads: ${(error as Error).message}\n  last accepted update: ${Buffer.from(payload).toString('hex')}\n`,
			)
			break
		}
	}
}
process.stdout.write(found ? `${found} reproductions\n` : 'not reproduced\n')
