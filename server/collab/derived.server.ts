import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { countSuggestions } from '#shared/collab/suggestions.ts'
import { countDocumentWords } from '#shared/collab/text.ts'
import type { Logger } from '../logger.server.ts'
import { LIMITS } from './limits.server.ts'
import type { DocStore } from './persistence.server.ts'
import type { Room } from './room.server.ts'
import { Slices } from './slices.server.ts'

/**
 * Writes a changed room's word count, pending suggestions and last edit to `sections` for
 * dashboards and the approval rule (throttled by the
 * caller's timer: counting walks the whole document). A failure is logged, never thrown: the text
 * itself is already stored.
 */
export function writeDerived(store: DocStore, room: Room, logger: Logger): void {
	if (!room.dirty) return
	const { at, by } = room.dirty
	room.dirty = null
	try {
		const counts = {
			words: countDocumentWords(room.doc),
			suggestions: countSuggestions(room.doc.getXmlFragment(FRAGMENT_NAME)),
		}
		store.writeDerived(room.id, counts, at, by)
	} catch (error) {
		logger.warn({ err: error, section: room.id }, 'could not write word count')
	}
}

/** The periodic pass: a share of the open rooms per timer tick (each room every `derivedWriteMs`). */
export class DerivedWrites {
	readonly #store: DocStore
	readonly #logger: Logger
	readonly #slices = new Slices<Room>(LIMITS.backgroundSlices)

	constructor(store: DocStore, logger: Logger) {
		this.#store = store
		this.#logger = logger
	}

	/** Writes the changed rooms of the next share, in one commit. */
	slice(rooms: () => Iterable<Room>): void {
		const share = this.#slices.take(rooms).filter((room) => !room.closed)
		if (share.length === 0) return
		this.#store.inTransaction(() => {
			for (const room of share) writeDerived(this.#store, room, this.#logger)
		})
	}
}
