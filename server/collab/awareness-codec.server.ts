import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { InvalidMessage } from './invalid-message.server.ts'
import { LIMITS } from './limits.server.ts'

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
