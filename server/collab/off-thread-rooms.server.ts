import type { Logger } from '../logger.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import type { DocStore } from './persistence.server.ts'
import { Room } from './room.server.ts'
import type { SectionEncoded } from './section-load-worker.server.ts'
import { buildInTurns, SectionLoader } from './section-loader.server.ts'

type OffThreadRoomsOptions = {
	store: DocStore
	logger: Logger
	metrics: CollabMetrics
	/** The room already loaded on the server's thread, if any (a server-made change loads at once). */
	loaded: (sectionId: string) => Room | undefined
	/** Makes a built room live (its updates go to the commit pipeline) and counts its load. */
	register: (room: Room, started: number) => void
}

/**
 * The rooms of large sections (stored in `LIMITS.offThreadLoadBytes` or more), loaded off the
 * event loop by the `SectionLoader` and built here in slices, each once however many sockets wait.
 */
export class OffThreadRooms {
	readonly #options: OffThreadRoomsOptions
	/** Null when the database is in memory: no second connection could read it. */
	readonly #loader: SectionLoader | null
	readonly #loading = new Map<string, Promise<Room | null>>()
	#closed = false

	constructor(options: OffThreadRoomsOptions) {
		this.#options = options
		const file = options.store.file
		this.#loader = file ? new SectionLoader(file) : null
	}

	/** Whether this section is loaded here rather than at once on the server's thread. */
	handles(sectionId: string): boolean {
		if (!this.#loader || this.#closed) return false
		if (this.#loading.has(sectionId)) return true
		try {
			return this.#options.store.storedBytes(sectionId) >= LIMITS.offThreadLoadBytes
		} catch {
			return false
		}
	}

	/** The section's room once built; null when it cannot be loaded (or the server stopped). */
	room(sectionId: string): Promise<Room | null> {
		let pending = this.#loading.get(sectionId)
		if (!pending) {
			pending = this.#load(sectionId).finally(() => this.#loading.delete(sectionId))
			this.#loading.set(sectionId, pending)
		}
		return pending
	}

	/**
	 * A large section's text as stored now, encoded and described by the worker; null when this
	 * server has no worker (a database in memory) or has stopped.
	 */
	encodeStored(sectionId: string): Promise<SectionEncoded> | null {
		if (!this.#loader || this.#closed) return null
		return this.#loader.encode(sectionId)
	}

	/** Stops the worker; loads in progress end with null. */
	close(): Promise<void> {
		this.#closed = true
		return this.#loader?.close() ?? Promise.resolve()
	}

	async #load(sectionId: string): Promise<Room | null> {
		const started = performance.now()
		try {
			const loaded = await (this.#loader as SectionLoader).load(sectionId)
			const doc = await buildInTurns(loaded)
			// Meanwhile a server-made change may have loaded it on the server's thread: that room wins.
			const existing = this.#options.loaded(sectionId)
			if (existing || this.#closed) {
				doc.destroy()
				return existing ?? null
			}
			const room = new Room(sectionId, { ...loaded, doc })
			room.syncReplies.prime(doc, room.seq, loaded.syncReply)
			room.loadedText = { state: loaded.state, description: loaded.description }
			this.#options.register(room, started)
			return room
		} catch (error) {
			if (this.#closed) return null
			this.#options.logger.error({ err: error, section: sectionId }, 'section failed to load')
			this.#options.metrics.rejections.inc({ reason: 'load_failed' })
			return null
		}
	}
}
