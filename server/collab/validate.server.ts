import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { LIMITS } from './limits.server.ts'

export class InvalidMessage extends Error {
	override name = 'InvalidMessage'
}

/**
 * Checks a Yjs update before it touches a live document: it must decode completely and its clocks
 * must stay within what real editing produces. Decoding is bounded by the message size (lib0
 * throws at the end of the buffer); the clock bound defuses crafted updates (yjs #687 and kin)
 * whose huge lengths would make later operations run away.
 */
export function validateUpdate(update: Uint8Array): void {
	if (update.byteLength === 0) throw new InvalidMessage('empty update')
	let decoded: ReturnType<typeof Y.decodeUpdate>
	try {
		decoded = Y.decodeUpdate(update)
	} catch (error) {
		throw new InvalidMessage(`undecodable update: ${(error as Error).message}`)
	}
	for (const struct of decoded.structs) {
		if (struct.id.clock < 0 || struct.id.clock + struct.length > LIMITS.maxClock) {
			throw new InvalidMessage('update clock out of range')
		}
	}
	for (const [, ranges] of decoded.ds.clients) {
		for (const range of ranges) {
			if (range.clock < 0 || range.len < 0 || range.clock + range.len > LIMITS.maxClock) {
				throw new InvalidMessage('delete range out of range')
			}
		}
	}
}

/**
 * Reads an awareness update and returns the client ids it speaks for, after checking that each
 * state is JSON. (y-protocols' own reader would apply it straight away.)
 */
export function awarenessClientIds(update: Uint8Array): number[] {
	if (update.byteLength > LIMITS.maxAwarenessBytes) throw new InvalidMessage('awareness too large')
	try {
		const decoder = decoding.createDecoder(update)
		const count = decoding.readVarUint(decoder)
		if (count > 16) throw new InvalidMessage('too many awareness states')
		const ids: number[] = []
		for (let i = 0; i < count; i++) {
			ids.push(decoding.readVarUint(decoder))
			decoding.readVarUint(decoder) // clock
			JSON.parse(decoding.readVarString(decoder))
		}
		if (decoding.hasContent(decoder)) throw new InvalidMessage('trailing bytes after awareness')
		return ids
	} catch (error) {
		if (error instanceof InvalidMessage) throw error
		throw new InvalidMessage(`undecodable awareness: ${(error as Error).message}`)
	}
}
