import type { Duplex } from 'node:stream'
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import {
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
} from '#shared/collab/messages.ts'
import type { Logger } from '../logger.server.ts'
import { AccessRecheck } from './access-recheck.server.ts'
import { Compactor } from './compactor.server.ts'
import { Connection, type ConnectionInfo } from './connection.server.ts'
import { DerivedWrites, writeDerived } from './derived.server.ts'
import { binaryFrame } from './frame.server.ts'
import { keepAlive } from './keepalive.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import { DocStore, type PendingUpdate } from './persistence.server.ts'
import {
	accessMessage,
	awarenessForward,
	awarenessMessage,
	syncStep1,
	syncStep2,
	syncUpdate,
} from './protocol.server.ts'
import { Room } from './room.server.ts'
import {
	type AwarenessEntry,
	InvalidMessage,
	readAwareness,
	validateUpdate,
	writeAwareness,
} from './validate.server.ts'

/** An edit made by the server on someone's behalf (restoring a version), not by a socket. */
export type ServerOrigin = { userId: string | null }

/**
 * The collaboration server: loaded sections, their sockets, and the rule that makes a crash lose
 * nothing anyone saw — every update is committed to SQLite before anything that depends on it (a
 * broadcast, a sync reply) is sent. The first update of an event-loop turn is committed and
 * broadcast as soon as it is applied; the rest of the turn's updates (and changes the server makes
 * itself) are committed in one transaction at its end and broadcast merged per room.
 */
export class CollabServer {
	readonly rooms = new Map<string, Room>()
	readonly store: DocStore
	readonly #metrics: CollabMetrics
	readonly #logger: Logger
	readonly #recheck: AccessRecheck
	readonly #compactor: Compactor
	#pending: PendingUpdate[] = []
	#flushing = new Set<Room>()
	#turnEndScheduled = false
	#flushedThisTurn = false
	#receivedAt = 0
	#timers: NodeJS.Timeout[] = []
	readonly #derived: DerivedWrites
	#stopped = false

	constructor(options: { db: Db; metrics: CollabMetrics; logger: Logger }) {
		this.store = new DocStore(options.db)
		this.#metrics = options.metrics
		this.#logger = options.logger
		this.#recheck = new AccessRecheck(options.db, options.metrics, (conn, reason, code) =>
			this.#reject(conn, reason, code),
		)
		this.#compactor = new Compactor(this.store, options.metrics, options.logger)
		this.#derived = new DerivedWrites(this.store, options.logger)
		this.#timers.push(
			setInterval(() => keepAlive(this.rooms.values()), LIMITS.keepaliveMs),
			setInterval(
				() => this.#recheck.slice(() => this.rooms.values()),
				LIMITS.accessRecheckMs / LIMITS.backgroundSlices,
			),
			setInterval(
				() => this.#derived.slice(() => this.rooms.values()),
				LIMITS.derivedWriteMs / LIMITS.backgroundSlices,
			),
			setInterval(() => this.#compactor.sweep(this.rooms.values()), LIMITS.compactSweepMs),
		)
		for (const timer of this.#timers) timer.unref()
	}

	/** Takes over an upgraded socket whose person was already authorised for `info.access`. */
	accept(ws: WebSocket, socket: Duplex, info: ConnectionInfo): void {
		const room = this.#room(info.sectionId)
		if (!room) {
			ws.close(CLOSE_CODES.LOAD_FAILED, 'section could not be loaded')
			return
		}
		const conn = new Connection(ws, socket, info, (bytes) => this.#metrics.bytesOut.inc(bytes))
		ws.on('error', (error) =>
			this.#logger.debug({ err: error, section: info.sectionId }, 'collab socket error'),
		)
		ws.on('pong', () => {
			conn.alive = true
		})
		ws.on('message', (data: Buffer) => this.#guard(conn, () => this.#onMessage(conn, room, data)))
		ws.on('close', () => this.#guard(conn, () => this.#onClose(conn, room)))
		if (room.unloadTimer) clearTimeout(room.unloadTimer)
		room.unloadTimer = null
		room.conns.add(conn)
		this.#metrics.connections.inc({ access: info.access })
		conn.send(accessMessage(info.access, info.readOnlyReason))
		conn.send(syncStep1(room.doc))
		if (room.awareness.getStates().size > 0) conn.send(awarenessMessage(room.awareness))
	}

	/** The loaded room, loading it first; null (and nothing created) when loading fails. */
	#room(sectionId: string): Room | null {
		const existing = this.rooms.get(sectionId)
		if (existing) return existing
		const started = performance.now()
		try {
			const room = new Room(sectionId, this.store.load(sectionId))
			room.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onDocUpdate(room, update, origin))
			this.rooms.set(sectionId, room)
			this.#metrics.documents.set(this.rooms.size)
			this.#metrics.load.observe((performance.now() - started) / 1000)
			return room
		} catch (error) {
			this.#logger.error({ err: error, section: sectionId }, 'section failed to load')
			this.#metrics.rejections.inc({ reason: 'load_failed' })
			return null
		}
	}

	#onMessage(conn: Connection, room: Room, data: Buffer): void {
		if (conn.closed) return
		this.#metrics.bytesIn.inc(data.byteLength)
		if (!conn.bucket.take()) {
			this.#reject(conn, 'rate_limited', CLOSE_CODES.RATE_LIMITED)
			return
		}
		try {
			const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
			const type = decoding.readVarUint(decoder)
			if (type === MESSAGE_SYNC) this.#onSync(conn, room, decoder)
			else if (type === MESSAGE_AWARENESS) this.#onAwareness(conn, room, readPayload(decoder))
			else if (type === MESSAGE_QUERY_AWARENESS) conn.send(awarenessMessage(room.awareness))
			else throw new InvalidMessage(`unknown message type ${type}`)
		} catch (error) {
			if (error instanceof TooLarge) {
				this.#reject(conn, 'too_large', CLOSE_CODES.TOO_LARGE)
				return
			}
			this.#logger.debug({ err: error, section: room.id }, 'malformed collaboration message')
			this.#reject(conn, 'malformed', CLOSE_CODES.MALFORMED)
		}
	}

	#onSync(conn: Connection, room: Room, decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder)
		const payload = readPayload(decoder)
		if (step === SYNC_STEP_1) {
			Y.decodeStateVector(payload) // throws on garbage
			room.whenCommitted(() => conn.send(syncStep2(room.doc, payload)))
			return
		}
		if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) throw new InvalidMessage(`unknown sync step ${step}`)
		// Read-only connections may sync and show presence; their updates are never applied or stored.
		if (conn.access !== 'write') {
			this.#metrics.rejections.inc({ reason: 'read_only_update' })
			return
		}
		if (room.storedBytes + payload.byteLength > LIMITS.maxDocumentBytes) throw new TooLarge()
		validateUpdate(payload)
		this.#receivedAt = performance.now()
		Y.applyUpdate(room.doc, payload, conn)
		// The first update of a turn goes out at once: waiting for the rest of a busy turn put their
		// work in front of its delivery (p99 +25–40 % in the bench). Later ones in the same turn wait
		// for the end-of-turn flush and go out merged: at most two broadcasts per room and turn.
		if (!this.#flushedThisTurn) {
			this.#flushedThisTurn = true
			this.flush()
		}
	}

	/**
	 * Presence. A connection speaks for one client id: the one of its first single-entry message
	 * (y-websocket announces its own state alone on connect). Stock clients also echo the states
	 * they receive from others; those entries are dropped, never applied or forwarded.
	 */
	#onAwareness(conn: Connection, room: Room, payload: Uint8Array): void {
		const entries = readAwareness(payload)
		if (conn.awarenessIds.size === 0 && entries.length === 1)
			conn.awarenessIds.add((entries[0] as AwarenessEntry).clientId)
		const own = entries.filter((entry) => conn.awarenessIds.has(entry.clientId))
		if (own.length === 0) return
		const update = own.length === entries.length ? payload : writeAwareness(own)
		awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn)
		const frame = binaryFrame(awarenessForward(update))
		for (const peer of room.conns) if (peer !== conn) peer.sendFrame(frame)
	}

	/** Every change to a loaded document lands here: queue it for the turn's commit. */
	#onDocUpdate(room: Room, update: Uint8Array, origin: unknown): void {
		const conn = origin instanceof Connection ? origin : null
		const userId = conn?.info.userId ?? (origin as ServerOrigin | null)?.userId ?? null
		room.seq += 1
		room.logRows += 1
		room.logBytes += update.byteLength
		room.dirty = { at: Date.now(), by: userId }
		room.lastChangeAt = performance.now()
		this.#pending.push({ docId: room.id, seq: room.seq, update, userId })
		room.outgoing.push({ update, origin: conn, receivedAt: this.#receivedAt || performance.now() })
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

	/** Commits the pending updates in one transaction, then broadcasts them and sends held replies. */
	flush(): void {
		const batch = this.#pending
		const rooms = [...this.#flushing]
		this.#pending = []
		this.#flushing.clear()
		if (batch.length === 0) return
		const started = performance.now()
		try {
			this.store.append(batch, Date.now())
		} catch (error) {
			// Nothing of this batch was sent to anyone. Drop the rooms so they reload from what is
			// stored; the clients still hold their edits and send them again on reconnect.
			this.#logger.error({ err: error }, 'committing collaboration updates failed')
			for (const room of rooms) this.#evict(room, CLOSE_CODES.LOAD_FAILED)
			return
		}
		this.#metrics.commit.observe((performance.now() - started) / 1000)
		for (const room of rooms) {
			const outgoing = room.outgoing
			room.outgoing = []
			const merged =
				outgoing.length === 1
					? (outgoing[0] as (typeof outgoing)[0]).update
					: Y.mergeUpdates(outgoing.map((entry) => entry.update))
			const frame = binaryFrame(syncUpdate(merged))
			const onlyOrigin = outgoing.every((entry) => entry.origin === outgoing[0]?.origin)
				? outgoing[0]?.origin
				: null
			for (const conn of room.conns) if (conn !== onlyOrigin) conn.sendFrame(frame)
			const firstReceived = Math.min(...outgoing.map((entry) => entry.receivedAt))
			this.#metrics.fanout.observe((performance.now() - firstReceived) / 1000)
			const waiting = room.waiting
			room.waiting = []
			for (const reply of waiting) reply()
			if (this.#compactor.mustCompactNow(room)) setImmediate(() => void this.#compactor.compact(room))
		}
		this.#receivedAt = 0
	}

	/** Who has each of these sections open right now (user ids, each once), for outlines. */
	presence(sectionIds: readonly string[]): Record<string, string[]> {
		const result: Record<string, string[]> = {}
		for (const id of sectionIds) {
			const room = this.rooms.get(id)
			if (room && room.conns.size > 0)
				result[id] = [...new Set([...room.conns].map((conn) => conn.info.userId))]
		}
		return result
	}

	/** Applies a server-made change (e.g. restoring a version) to a section, stored like any other. */
	applyServerUpdate(sectionId: string, update: Uint8Array, origin: ServerOrigin): boolean {
		const room = this.#room(sectionId)
		if (!room) return false
		Y.applyUpdate(room.doc, update, origin)
		if (room.conns.size === 0 && !room.unloadTimer) {
			room.unloadTimer = setTimeout(() => this.#unload(room), LIMITS.unloadAfterMs)
		}
		return true
	}

	#onClose(conn: Connection, room: Room): void {
		conn.closed = true
		if (!room.conns.delete(conn)) return
		this.#metrics.connections.dec({ access: conn.access })
		// Only ids the awareness has metadata for can be encoded (a client may have sent nothing but
		// a removal); the others have nothing to take back.
		const ids = [...conn.awarenessIds].filter((id) => room.awareness.meta.has(id))
		if (ids.length > 0) {
			awarenessProtocol.removeAwarenessStates(room.awareness, ids, conn)
			const frame = binaryFrame(awarenessMessage(room.awareness, ids))
			for (const peer of room.conns) peer.sendFrame(frame)
		}
		if (room.conns.size === 0 && !this.#stopped) {
			room.unloadTimer = setTimeout(() => this.#unload(room), LIMITS.unloadAfterMs)
			room.unloadTimer.unref()
		}
	}

	#unload(room: Room): void {
		if (room.conns.size > 0 || this.rooms.get(room.id) !== room) return
		if (room.outgoing.length > 0) this.flush()
		writeDerived(this.store, room, this.#logger)
		// Encodes now; a large section's load-back check and snapshot finish after the room is gone.
		void this.#compactor.compact(room)
		this.rooms.delete(room.id)
		room.destroy()
		this.#metrics.documents.set(this.rooms.size)
	}

	#evict(room: Room, code: number): void {
		for (const conn of room.conns) conn.close(code, 'section reloading')
		room.conns.clear()
		this.rooms.delete(room.id)
		room.destroy()
		this.#metrics.documents.set(this.rooms.size)
	}

	/**
	 * Runs a socket event handler so that nothing a client does can throw out of it: an exception
	 * in an event listener would take the whole process down.
	 */
	#guard(conn: Connection, handler: () => void): void {
		try {
			handler()
		} catch (error) {
			this.#logger.error({ err: error, section: conn.info.sectionId }, 'collaboration handler failed')
			this.#reject(conn, 'internal_error', CLOSE_CODES.LOAD_FAILED)
		}
	}

	#reject(conn: Connection, reason: string, code: number): void {
		this.#metrics.rejections.inc({ reason })
		conn.close(code, reason)
	}

	/** Stops for a restart: commits what is pending, compacts, and asks clients to reconnect. */
	shutdown(): void {
		this.#stopped = true
		for (const timer of this.#timers) clearInterval(timer)
		this.flush()
		for (const room of [...this.rooms.values()]) {
			for (const conn of room.conns) conn.close(CLOSE_CODES.RESTARTING, 'server restarting')
			writeDerived(this.store, room, this.#logger)
			try {
				this.#compactor.compactNow(room)
			} catch (error) {
				this.#logger.warn(
					{ err: error, section: room.id },
					'compaction at shutdown failed; the log is intact',
				)
			}
			this.rooms.delete(room.id)
			room.destroy()
		}
		// Checks still running in the worker are dropped: their sections keep their logs.
		void this.#compactor.close()
	}
}

class TooLarge extends Error {}

/** The rest of a message as one length-prefixed byte array, with nothing after it. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
	const payload = decoding.readVarUint8Array(decoder)
	if (decoding.hasContent(decoder)) throw new InvalidMessage('trailing bytes')
	return payload
}
