import * as Y from 'yjs'
import type { Logger } from '../logger.server.ts'
import { LIMITS } from './limits.server.ts'
import { LoadBackChecker, loadsBack } from './load-back.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import type { DocStore } from './persistence.server.ts'
import type { Room } from './room.server.ts'

/** A room's state as encoded for a new snapshot, with what it folds. */
type Encoded = { state: Uint8Array; stateVector: Uint8Array; seq: number; rows: number; bytes: number }

/**
 * Folds a room's log into a new snapshot (docs/design/collaboration-protocol.md: past ~500 rows, or when the log outweighs the
 * snapshot, and at unload). Compaction re-encodes the whole document and checks that the result
 * loads back: a few milliseconds for a chapter, far more for a book. Done in the middle of live
 * typing it stalled every other socket of the process, so a due room waits for a quiet moment —
 * nobody has changed it for `compactQuietMs` — unless its log passes `compactForceRows`. For a
 * state past `compactInWorkerBytes` the load-back check runs in a worker thread (~1.5 s for 16 MB)
 * and the snapshot is written when it answers; the room goes on meanwhile, and rows it appends
 * after the encoding stay in the log.
 */
export class Compactor {
	readonly #store: DocStore
	readonly #metrics: CollabMetrics
	readonly #logger: Logger
	readonly #inWorkerBytes: number
	readonly #checker = new LoadBackChecker()
	readonly #running = new Set<Room>()

	constructor(
		store: DocStore,
		metrics: CollabMetrics,
		logger: Logger,
		options: { inWorkerBytes?: number } = {},
	) {
		this.#store = store
		this.#metrics = metrics
		this.#logger = logger
		this.#inWorkerBytes = options.inWorkerBytes ?? LIMITS.compactInWorkerBytes
	}

	/** Whether the room's log is long enough that it must be folded now, quiet or not. */
	mustCompactNow(room: Room): boolean {
		return room.logRows >= LIMITS.compactForceRows && !this.#running.has(room)
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
			if (room.shouldCompact(LIMITS.compactAfterRows, LIMITS.compactMinRowsForBytesRule))
				void this.compact(room)
		}
	}

	/**
	 * Folds the log into a new snapshot, in one transaction (only when nothing is uncommitted).
	 * Settles once the snapshot is written or skipped; never rejects.
	 */
	async compact(room: Room): Promise<void> {
		const encoded = this.#encode(room)
		if (!encoded) return
		const started = performance.now()
		if (encoded.state.byteLength < this.#inWorkerBytes) {
			this.#finish(
				room,
				encoded,
				loadsBack(encoded.state, encoded.stateVector) ? 'loads' : 'unloadable',
				started,
			)
			return
		}
		this.#running.add(room)
		try {
			const result = await this.#checker.check(encoded.state, encoded.stateVector)
			this.#finish(room, encoded, result, started)
		} finally {
			this.#running.delete(room)
		}
	}

	/** `compact` with the check on this thread, done when it returns (for shutdown). */
	compactNow(room: Room): void {
		const encoded = this.#encode(room)
		if (!encoded) return
		const result = loadsBack(encoded.state, encoded.stateVector) ? 'loads' : 'unloadable'
		this.#finish(room, encoded, result, performance.now())
	}

	/** Stops the worker; checks still pending are dropped (their rooms keep their logs). */
	close(): Promise<void> {
		return this.#checker.close()
	}

	#encode(room: Room): Encoded | null {
		if (room.closed || room.uncommitted.length > 0 || room.logRows === 0 || this.#running.has(room))
			return null
		return {
			// Unchanged since the section-load worker encoded it: its encoding, not another here.
			state: room.loadedText?.state ?? Y.encodeStateAsUpdate(room.doc),
			stateVector: Y.encodeStateVector(room.doc),
			seq: room.seq,
			rows: room.logRows,
			bytes: room.logBytes,
		}
	}

	#finish(room: Room, encoded: Encoded, result: 'loads' | 'unloadable' | 'failed', started: number): void {
		// Fuzzed (and some out-of-order) updates can leave a document whose own encoded state does not
		// load back into an empty one. The log still loads, so keep it rather than store a snapshot
		// that would make the section unloadable.
		if (result === 'unloadable') {
			this.#metrics.rejections.inc({ reason: 'compaction_skipped_unloadable' })
			this.#logger.warn({ section: room.id }, 'snapshot would not load back; keeping the log')
			return
		}
		if (result === 'failed') {
			this.#logger.warn({ section: room.id }, 'load-back check did not run; keeping the log')
			return
		}
		try {
			this.#store.compact(room.id, encoded.state, encoded.seq, Date.now())
		} catch (error) {
			// The section may have been deleted, or the database closed at shutdown: the log is intact.
			this.#logger.warn({ err: error, section: room.id }, 'writing the snapshot failed; keeping the log')
			return
		}
		room.snapshotBytes = encoded.state.byteLength
		room.logRows = Math.max(0, room.logRows - encoded.rows)
		room.logBytes = Math.max(0, room.logBytes - encoded.bytes)
		this.#metrics.compaction.observe((performance.now() - started) / 1000)
	}
}
