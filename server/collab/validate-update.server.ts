import * as Y from 'yjs'
import { InvalidMessage } from './invalid-message.server.ts'
import { LIMITS } from './limits.server.ts'
import { findStructureProblem } from './structure.server.ts'

/**
 * Checks a Yjs update before it touches `doc`, the live document: it must decode completely and
 * its clocks must stay within what real editing produces. Decoding is bounded by the message size
 * (lib0 throws at the end of the buffer); the clock bound defuses crafted updates (yjs #687 and
 * kin) whose huge lengths would make later operations run away. What it adds must be something the
 * editor can render (`structure.server.ts`): an update that would blank the section for every
 * reader is refused like any other malformed one.
 */
export function validateUpdate(update: Uint8Array, doc: Y.Doc): void {
	if (update.byteLength === 0) throw new InvalidMessage('empty update')
	let decoded: ReturnType<typeof Y.decodeUpdate>
	try {
		decoded = Y.decodeUpdate(update)
	} catch (error) {
		throw new InvalidMessage(`undecodable update: ${(error as Error).message}`)
	}
	for (const struct of decoded.structs) {
		if (struct.id.clock < 0 || struct.id.clock + struct.length >= LIMITS.maxClock) {
			throw new InvalidMessage('update clock out of range')
		}
	}
	for (const [, ranges] of decoded.ds.clients) {
		for (const range of ranges) {
			if (range.clock < 0 || range.len < 0 || range.clock + range.len >= LIMITS.maxClock) {
				throw new InvalidMessage('delete range out of range')
			}
		}
	}
	const problem = findStructureProblem(decoded.structs, doc)
	if (problem) throw new InvalidMessage(`structure the editor cannot render: ${problem}`)
}
