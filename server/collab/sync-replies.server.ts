import * as Y from 'yjs'
import { binaryFrame } from './frame.server.ts'
import { LIMITS } from './limits.server.ts'
import { syncStep2Message } from './protocol.server.ts'

export type SyncReplyKind = 'full' | 'up_to_date' | 'diff'

/**
 * Answers to sync step 1 ("here is my state vector: what am I missing?") for one room, encoded as
 * rarely as possible. Encoding a 9 MB section takes 90–150 ms of the event loop; answering every
 * step 1 with its own encode let 100 read-only sockets block the process for seconds.
 *
 * - A client that has nothing of the document (every new tab) gets the whole state, encoded once
 *   per change and framed once: the same bytes are written to every socket that asks.
 * - A client that has everything (an editor's save probe, a heartbeat) gets the answer with no
 *   content and the delete set, also encoded once per change.
 * - A client that lacks a little gets a real diff, remembered for a repeated question. One that
 *   lacks more than `syncDiffMaxShare` of the document gets the shared whole state instead: a diff
 *   that large costs nearly as much as the whole, and the whole costs nothing once encoded.
 *
 * Every answer is computed after the room's updates are committed (`Room.whenCommitted`), so the
 * room's `seq` names the state an answer was made from; a new `seq` drops them all.
 */
export class SyncReplies {
	#seq = -1
	#ours: Map<number, number> = new Map()
	#totalClock = 0
	#full: Buffer | null = null
	#upToDate: Buffer | null = null
	readonly #diffs = new Map<string, Buffer>()
	#diffBytes = 0

	/** The framed answer to `stateVector` from `doc` at `seq`; `onEncode` hears of each encode. */
	reply(doc: Y.Doc, seq: number, stateVector: Uint8Array, onEncode: (kind: SyncReplyKind) => void): Buffer {
		if (seq !== this.#seq) this.#reset(doc, seq)
		const theirs = Y.decodeStateVector(stateVector)
		let missing = 0
		for (const [client, clock] of this.#ours) missing += Math.max(0, clock - (theirs.get(client) ?? 0))
		if (missing === 0) {
			if (!this.#upToDate) {
				onEncode('up_to_date')
				this.#upToDate = encode(doc, Y.encodeStateVector(doc))
			}
			return this.#upToDate
		}
		if (missing > this.#totalClock * LIMITS.syncDiffMaxShare) {
			if (!this.#full) {
				onEncode('full')
				this.#full = encode(doc)
			}
			return this.#full
		}
		const key = Buffer.from(stateVector).toString('base64')
		const known = this.#diffs.get(key)
		if (known) return known
		onEncode('diff')
		const diff = encode(doc, stateVector)
		if (
			key.length <= LIMITS.syncDiffCacheKeyChars &&
			this.#diffBytes + diff.byteLength <= LIMITS.syncDiffCacheBytes
		) {
			this.#diffs.set(key, diff)
			this.#diffBytes += diff.byteLength
		}
		return diff
	}

	/** Starts from `full`, the whole of `doc` at `seq` framed elsewhere (the section-load worker). */
	prime(doc: Y.Doc, seq: number, full: Uint8Array): void {
		this.#reset(doc, seq)
		this.#full = Buffer.from(full.buffer, full.byteOffset, full.byteLength)
	}

	#reset(doc: Y.Doc, seq: number): void {
		this.#seq = seq
		this.#ours = Y.decodeStateVector(Y.encodeStateVector(doc))
		this.#totalClock = 0
		for (const clock of this.#ours.values()) this.#totalClock += clock
		this.#full = null
		this.#upToDate = null
		this.#diffs.clear()
		this.#diffBytes = 0
	}
}

function encode(doc: Y.Doc, stateVector?: Uint8Array): Buffer {
	return binaryFrame(syncStep2Message(Y.encodeStateAsUpdate(doc, stateVector)))
}
