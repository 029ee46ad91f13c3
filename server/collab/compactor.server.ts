import * as Y from 'yjs'
import type { Logger } from '../logger.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import type { DocStore } from './persistence.server.ts'
import type { Room } from './room.server.ts'

/**
 * Folds a room's log into a new snapshot (DESIGN.md: past ~500 rows, or when the log outweighs the
 * snapshot, and at unload). Compaction re-encodes the whole document and checks that the result
 * loads back: a few milliseconds for a chapter, far more for a book. Done in the middle of live
 * typing it stalled every other socket of the process, so a due room waits for a quiet moment —
 * nobody has changed it for `compactQuietMs` — unless its log passes `compactForceRows`.
 */
export class Compactor {
	readonly #store: DocStore
	readonly #metrics: CollabMetrics
	readonly #logger: Logger

	constructor(store: DocStore, metrics: CollabMetrics, logger: Logger) {
		this.#store = store
		this.#metrics = metrics
		this.#logger = logger
	}

	/** Whether the room's log is long enough that it must be folded now, quiet or not. */
	mustCompactNow(room: Room): boolean {
		return room.logRows >= LIMITS.compactForceRows
	}

	/**
	 * Compacts rooms that are due and have been quiet long enough (run from a timer), until this
	 * sweep has spent `compactSweepBudgetMs`: when many rooms fall quiet at once, the rest wait for
	 * the next sweep instead of holding the event loop for all of them.
	 */
	sweep(rooms: Iterable<Room>, now = performance.now()): void {
		const started = performance.now()
		for (const room of rooms) {
			if (performance.now() - started > LIMITS.compactSweepBudgetMs) return
			if (now - room.lastChangeAt < LIMITS.compactQuietMs) continue
			if (room.shouldCompact(LIMITS.compactAfterRows, LIMITS.compactMinRowsForBytesRule)) this.compact(room)
		}
	}

	/** Folds the log into a new snapshot, in one transaction (only when nothing is uncommitted). */
	compact(room: Room): void {
		if (room.closed || room.outgoing.length > 0 || room.logRows === 0) return
		const started = performance.now()
		const state = Y.encodeStateAsUpdate(room.doc)
		// Fuzzed (and some out-of-order) updates can leave a document whose own encoded state does not
		// load back into an empty one. The log still loads, so keep it rather than store a snapshot
		// that would make the section unloadable.
		if (!loadsBack(state, room.doc)) {
			this.#metrics.rejections.inc({ reason: 'compaction_skipped_unloadable' })
			this.#logger.warn({ section: room.id }, 'snapshot would not load back; keeping the log')
			return
		}
		this.#store.compact(room.id, state, room.seq, Date.now())
		room.snapshotBytes = state.byteLength
		room.logRows = 0
		room.logBytes = 0
		this.#metrics.compaction.observe((performance.now() - started) / 1000)
	}
}

/** Whether `state` loads into a fresh document and yields the same state vector as `doc`. */
function loadsBack(state: Uint8Array, doc: Y.Doc): boolean {
	const probe = new Y.Doc()
	try {
		Y.applyUpdate(probe, state)
		const expected = Y.encodeStateVector(doc)
		const actual = Y.encodeStateVector(probe)
		return expected.length === actual.length && expected.every((byte, index) => byte === actual[index])
	} catch {
		return false
	} finally {
		probe.destroy()
	}
}
