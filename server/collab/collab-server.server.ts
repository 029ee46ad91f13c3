import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import type { AccessScope } from '../context.server.ts'
import type { Logger } from '../logger.server.ts'
import { AccessRechecker } from './access-recheck.server.ts'
import { CommitPipeline, type ServerOrigin } from './commit-pipeline.server.ts'
import { Compactor } from './compactor.server.ts'
import { Connection, type ConnectionInfo } from './connection.server.ts'
import { DerivedWrites, writeDerived } from './derived.server.ts'
import { binaryFrame } from './frame.server.ts'
import { KeepAlive } from './keepalive.server.ts'
import { LIMITS } from './limits.server.ts'
import { MessageHandler } from './message-handler.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import { OffThreadRooms } from './off-thread-rooms.server.ts'
import { DocStore } from './persistence.server.ts'
import { accessMessage, awarenessMessage, syncStep1 } from './protocol.server.ts'
import { Room } from './room.server.ts'
import { findStructureProblem } from './structure.server.ts'
import { VersionKeeper } from './version-keeper.server.ts'

export type { ServerOrigin } from './commit-pipeline.server.ts'

/**
 * The collaboration server: loaded sections and their sockets, loading and unloading; each
 * socket's messages are read and answered by the `MessageHandler`.
 * Every change goes through the `CommitPipeline`, which commits it to SQLite before anything that
 * depends on it (a broadcast, a sync reply) is sent, so a crash loses nothing anyone saw.
 */
export class CollabServer {
	readonly rooms = new Map<string, Room>()
	readonly store: DocStore
	readonly #metrics: CollabMetrics
	readonly #logger: Logger
	readonly #recheck: AccessRechecker
	readonly #compactor: Compactor
	readonly #pipeline: CommitPipeline
	readonly #messages: MessageHandler
	#timers: NodeJS.Timeout[] = []
	readonly #derived: DerivedWrites
	readonly #versions: VersionKeeper
	readonly #offThread: OffThreadRooms
	#stopped = false

	/** `store` replaces the plain `DocStore` over `db` (tests record what it commits). */
	constructor(options: { db: Db; metrics: CollabMetrics; logger: Logger; store?: DocStore }) {
		this.store = options.store ?? new DocStore(options.db)
		this.#offThread = new OffThreadRooms({
			store: this.store,
			logger: options.logger,
			metrics: options.metrics,
			loaded: (sectionId) => this.rooms.get(sectionId),
			register: (room, started) => this.#register(room, started),
		})
		this.#metrics = options.metrics
		this.#logger = options.logger
		this.#recheck = new AccessRechecker(options.db, options.metrics, (conn, reason, code) =>
			this.#reject(conn, reason, code),
		)
		this.#compactor = new Compactor(this.store, options.metrics, options.logger)
		this.#pipeline = new CommitPipeline({
			store: this.store,
			metrics: options.metrics,
			logger: options.logger,
			compactor: this.#compactor,
			evict: (room) => this.#evict(room, CLOSE_CODES.LOAD_FAILED),
		})
		this.#messages = new MessageHandler({
			metrics: options.metrics,
			logger: options.logger,
			pipeline: this.#pipeline,
			reject: (conn, reason, code) => this.#reject(conn, reason, code),
			guard: (conn, handler) => this.#guard(conn, handler),
		})
		this.#derived = new DerivedWrites(this.store, options.logger)
		this.#versions = new VersionKeeper({
			db: options.db,
			logger: options.logger,
			flush: () => this.flush(),
			encodeStored: (sectionId) => this.#offThread.encodeStored(sectionId),
		})
		const keepAlive = new KeepAlive(LIMITS.backgroundSlices)
		this.#timers.push(
			setInterval(() => keepAlive.tick(this.rooms.values()), LIMITS.keepaliveMs / LIMITS.backgroundSlices),
			setInterval(
				() => this.#recheck.slice(() => this.rooms.values()),
				LIMITS.accessRecheckMs / LIMITS.backgroundSlices,
			),
			setInterval(
				() => this.#derived.slice(() => this.rooms.values()),
				LIMITS.derivedWriteMs / LIMITS.backgroundSlices,
			),
			setInterval(() => this.#compactor.sweep(this.rooms.values()), LIMITS.compactSweepMs),
			setInterval(() => this.#versions.sweep(this.rooms.values()), LIMITS.versionSweepMs),
		)
		for (const timer of this.#timers) timer.unref()
	}

	/**
	 * Takes over an upgraded socket whose person was already authorised for `info.access`. A large
	 * section not yet loaded is loaded off the event loop; its socket is paused (nothing it sends is
	 * read or buffered) until the room is ready.
	 */
	accept(ws: WebSocket, socket: Duplex, info: ConnectionInfo): void {
		const loaded = this.rooms.get(info.sectionId)
		if (loaded || !this.#offThread.handles(info.sectionId)) {
			this.#join(ws, socket, info, loaded ?? this.#room(info.sectionId))
			return
		}
		ws.pause()
		void this.#offThread.room(info.sectionId).then((room) => {
			if (ws.readyState !== ws.OPEN) return
			ws.resume()
			if (this.#stopped) {
				ws.close(CLOSE_CODES.RESTARTING, 'server restarting')
				return
			}
			this.#join(ws, socket, info, room)
			// Decided at the upgrade, seconds ago: an access change made meanwhile found no room to
			// re-decide this socket in, so it is re-decided now, before anything it sent is read.
			if (room) this.#recheck.now([room], { userId: info.userId })
		})
	}

	#join(ws: WebSocket, socket: Duplex, info: ConnectionInfo, room: Room | null): void {
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
		ws.on('message', (data: Buffer) => this.#guard(conn, () => this.#messages.handle(conn, room, data)))
		ws.on('close', () => this.#guard(conn, () => this.#onClose(conn, room)))
		if (room.unloadTimer) clearTimeout(room.unloadTimer)
		room.unloadTimer = null
		room.conns.add(conn)
		this.#metrics.connections.inc({ access: info.access })
		if (info.access !== 'read') this.#versions.writerJoined(room)
		conn.send(accessMessage(info.access, info.readOnlyReason))
		conn.send(syncStep1(room.doc))
		if (room.awareness.getStates().size > 0) conn.send(awarenessMessage(room.awareness))
	}

	#register(room: Room, started: number): void {
		room.doc.on('update', (update: Uint8Array, origin: unknown) => {
			room.loadedText = null
			this.#pipeline.queue(room, update, origin)
		})
		this.rooms.set(room.id, room)
		this.#metrics.documents.set(this.rooms.size)
		this.#metrics.load.observe((performance.now() - started) / 1000)
	}

	/** The loaded room, loading it first; null (and nothing created) when loading fails. */
	#room(sectionId: string): Room | null {
		const existing = this.rooms.get(sectionId)
		if (existing) return existing
		const started = performance.now()
		try {
			const room = new Room(sectionId, this.store.load(sectionId))
			this.#register(room, started)
			return room
		} catch (error) {
			this.#logger.error({ err: error, section: sectionId }, 'section failed to load')
			this.#metrics.rejections.inc({ reason: 'load_failed' })
			return null
		}
	}

	/** Commits anything applied but not yet stored, and broadcasts it (before reading the log directly). */
	flush(): void {
		this.#pipeline.flush()
	}

	/** Re-decides now the open sockets a just-committed access change may touch (`CollabFacade`). */
	accessChanged(scope: AccessScope): void {
		this.#recheck.now(this.rooms.values(), scope)
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

	/**
	 * Applies a server-made change (e.g. restoring a version) to a section, stored like any other.
	 * False when the section cannot be loaded, or the change holds what the editor cannot render
	 * (a version stored before such structures were refused): the same rule as for sockets.
	 */
	applyServerUpdate(sectionId: string, update: Uint8Array, origin: ServerOrigin): boolean {
		const room = this.#room(sectionId)
		if (!room) return false
		const problem = findStructureProblem(Y.decodeUpdate(update).structs, room.doc)
		if (problem) {
			this.#logger.warn({ section: sectionId, problem }, 'server-made change refused')
			return false
		}
		Y.applyUpdate(room.doc, update, origin)
		if (room.conns.size === 0 && !room.unloadTimer) {
			room.unloadTimer = setTimeout(() => this.#unload(room), LIMITS.unloadAfterMs)
		}
		return true
	}

	/**
	 * Runs a server-made change (anchoring a comment) in one transaction on a section's live
	 * document: stored and broadcast like any other update. `change` decides from the live text and
	 * changes nothing when it returns null. Null when the section cannot be loaded.
	 */
	changeDocument<T>(sectionId: string, change: (doc: Y.Doc) => T, origin: ServerOrigin): { value: T } | null {
		const room = this.#room(sectionId)
		if (!room) return null
		let value: T | undefined
		room.doc.transact(() => {
			value = change(room.doc)
		}, origin)
		if (room.conns.size === 0 && !room.unloadTimer) {
			room.unloadTimer = setTimeout(() => this.#unload(room), LIMITS.unloadAfterMs)
		}
		return { value: value as T }
	}

	#onClose(conn: Connection, room: Room): void {
		conn.closed = true
		if (!room.conns.delete(conn)) return
		this.#metrics.connections.dec({ access: conn.access })
		const removal = room.presence.release(conn)
		if (removal) {
			const frame = binaryFrame(removal)
			for (const peer of room.conns) peer.sendFrame(frame)
		}
		if (conn.access === 'suggest' && ![...room.conns].some((peer) => peer.access === 'suggest')) {
			room.suggestions.release()
		}
		if (conn.access !== 'read' && ![...room.conns].some((peer) => peer.access !== 'read')) {
			this.#versions.writerLeft(room)
		}
		if (room.conns.size === 0 && !this.#stopped) {
			room.unloadTimer = setTimeout(() => this.#unload(room), LIMITS.unloadAfterMs)
			room.unloadTimer.unref()
		}
	}

	#unload(room: Room): void {
		if (room.conns.size > 0 || this.rooms.get(room.id) !== room) return
		if (room.uncommitted.length > 0) this.flush()
		// A failed commit has just evicted the room: it is gone, and its text includes what was not stored.
		if (room.closed) return
		writeDerived(this.store, room, this.#logger)
		this.#versions.save(room)
		// Encodes now; a large section's load-back check and snapshot finish after the room is gone.
		void this.#compactor.compact(room)
		this.rooms.delete(room.id)
		room.destroy()
		this.#metrics.documents.set(this.rooms.size)
	}

	#evict(room: Room, code: number): void {
		for (const conn of room.conns) {
			conn.close(code, 'section reloading')
			// Their close events will no longer find them in the room: count them out here.
			this.#metrics.connections.dec({ access: conn.access })
		}
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
		this.#versions.finishPending()
		for (const room of [...this.rooms.values()]) {
			for (const conn of room.conns) conn.close(CLOSE_CODES.RESTARTING, 'server restarting')
			writeDerived(this.store, room, this.#logger)
			this.#versions.save(room, { now: true })
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
		void this.#offThread.close()
	}
}
