import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { LIMITS } from './limits.server.ts'
import { findStructureProblem } from './structure.server.ts'

export class InvalidMessage extends Error {
	override name = 'InvalidMessage'
}

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

export type AwarenessEntry = { clientId: number; clock: number; state: string }

/**
 * Reads an awareness update entry by entry, checking that each state is JSON. (y-protocols' own
 * reader would apply it straight away.)
 */
export function readAwareness(update: Uint8Array): AwarenessEntry[] {
	if (update.byteLength > LIMITS.maxAwarenessBytes) throw new InvalidMessage('awareness too large')
	try {
		const decoder = decoding.createDecoder(update)
		const count = decoding.readVarUint(decoder)
		if (count > 64) throw new InvalidMessage('too many awareness states')
		const entries: AwarenessEntry[] = []
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder)
			const clock = decoding.readVarUint(decoder)
			const state = decoding.readVarString(decoder)
			JSON.parse(state)
			entries.push({ clientId, clock, state })
		}
		if (decoding.hasContent(decoder)) throw new InvalidMessage('trailing bytes after awareness')
		return entries
	} catch (error) {
		if (error instanceof InvalidMessage) throw error
		throw new InvalidMessage(`undecodable awareness: ${(error as Error).message}`)
	}
}

/** Encodes awareness entries back into an update payload. */
export function writeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, entries.length)
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId)
		encoding.writeVarUint(encoder, entry.clock)
		encoding.writeVarString(encoder, entry.state)
	}
	return encoding.toUint8Array(encoder)
}
