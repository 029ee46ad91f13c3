import * as Y from 'yjs'
import type { Logger } from '../logger.server.ts'
import type { Compactor } from './compactor.server.ts'
import { Connection } from './connection.server.ts'
import { binaryFrame } from './frame.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import type { DocStore, PendingUpdate } from './persistence.server.ts'
import { syncUpdate } from './protocol.server.ts'
import type { Room } from './room.server.ts'

/** An edit made by the server on someone's behalf (restoring a version), not by a socket. */
export type ServerOrigin = { userId: string | null }

/**
 * Commit, then broadcast: the rule that makes a crash lose nothing anyone saw. Every change to a
 * loaded document is queued here; a flush commits the queue to SQLite in one transaction, and only
 * then broadcasts each room's updates (framed once, merged when there are several) and sends the
 * replies held meanwhile. The first update of an event-loop turn is flushed as soon as it is
 * applied; the rest of the turn's (and changes the server makes itself) at its end (ADR 006).
 */
export class CommitPipeline {
	readonly #store: DocStore
	readonly #metrics: CollabMetrics
	readonly #logger: Logger
	readonly #compactor: Compactor
	readonly #evict: (room: Room) => void
	#pending: PendingUpdate[] = []
	#flushing = new Set<Room>()
	#turnEndScheduled = false
	#flushedThisTurn = false
	#receivedAt = 0

	constructor(options: {
		store: DocStore
		metrics: CollabMetrics
		logger: Logger
		compactor: Compactor
		/** Drops a room whose updates could not be committed, so it reloads from what is stored. */
		evict: (room: Room) => void
	}) {
		this.#store = options.store
		this.#metrics = options.metrics
		this.#logger = options.logger
		this.#compactor = options.compactor
		this.#evict = options.evict
	}

	/** Applies a socket's update to its room and flushes it at once if it is the turn's first. */
	applyFromSocket(room: Room, update: Uint8Array, conn: Connection): void {
		this.#receivedAt = performance.now()
		Y.applyUpdate(room.doc, update, conn)
		// The first update of a turn goes out at once: waiting for the rest of a busy turn put their
		// work in front of its delivery (p99 +25–40 % in the bench). Later ones in the same turn wait
		// for the end-of-turn flush and go out merged: at most two broadcasts per room and turn.
		// An update that changed nothing queued nothing and scheduled no end of turn, so it must not
		// mark the turn either: nothing would clear the mark, and the next real update would wait.
		if (!this.#flushedThisTurn && this.#turnEndScheduled) {
			this.#flushedThisTurn = true
			this.flush()
		}
	}

	/** A room's doc `update` event: queues the canonical update for the next flush. */
	queue(room: Room, update: Uint8Array, origin: unknown): void {
		const conn = origin instanceof Connection ? origin : null
		const userId = conn?.info.userId ?? (origin as ServerOrigin | null)?.userId ?? null
		room.seq += 1
		room.logRows += 1
		room.logBytes += update.byteLength
		room.dirty = { at: Date.now(), by: userId }
		room.unversioned ??= { since: Date.now(), authors: new Set() }
		if (userId) room.unversioned.authors.add(userId)
		room.lastChangeAt = performance.now()
		this.#pending.push({ docId: room.id, seq: room.seq, update, userId })
		room.uncommitted.push({ update, origin: conn, receivedAt: this.#receivedAt || performance.now() })
		this.#flushing.add(room)
		this.#metrics.updates.inc()
		if (!this.#turnEndScheduled) {
			this.#turnEndScheduled = true
			setImmediate(() => {
				this.#turnEndScheduled = false
				this.#flushedThisTurn = false
				this.flush()
			})
		}
	}

	/** Commits the queued updates in one transaction, then broadcasts them and sends held replies. */
	flush(): void {
		const batch = this.#pending
		const rooms = [...this.#flushing]
		this.#pending = []
		this.#flushing.clear()
		if (batch.length === 0) return
		const started = performance.now()
		try {
			this.#store.append(batch, Date.now())
		} catch (error) {
			// Nothing of this batch was sent to anyone. Drop the rooms so they reload from what is
			// stored; the clients still hold their edits and send them again on reconnect.
			this.#logger.error({ err: error }, 'committing collaboration updates failed')
			for (const room of rooms) this.#evict(room)
			return
		}
		this.#metrics.commit.observe((performance.now() - started) / 1000)
		for (const room of rooms) this.#broadcast(room)
		this.#receivedAt = 0
	}

	#broadcast(room: Room): void {
		const committed = room.uncommitted
		room.uncommitted = []
		const merged =
			committed.length === 1
				? (committed[0] as (typeof committed)[0]).update
				: Y.mergeUpdates(committed.map((entry) => entry.update))
		const frame = binaryFrame(syncUpdate(merged))
		const onlyOrigin = committed.every((entry) => entry.origin === committed[0]?.origin)
			? committed[0]?.origin
			: null
		for (const conn of room.conns) if (conn !== onlyOrigin) conn.sendFrame(frame)
		const firstReceived = Math.min(...committed.map((entry) => entry.receivedAt))
		this.#metrics.fanout.observe((performance.now() - firstReceived) / 1000)
		const replies = room.heldReplies
		room.heldReplies = []
		for (const reply of replies) reply()
		if (this.#compactor.mustCompactNow(room)) setImmediate(() => void this.#compactor.compact(room))
	}
}
