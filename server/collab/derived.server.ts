import { countDocumentWords } from '#shared/collab/text.ts'
import type { Logger } from '../logger.server.ts'
import type { DocStore } from './persistence.server.ts'
import type { Room } from './room.server.ts'

/**
 * Writes a changed room's word count and last edit to `sections` for dashboards (throttled by the
 * caller's timer: counting walks the whole document). A failure is logged, never thrown: the text
 * itself is already stored.
 */
export function writeDerived(store: DocStore, room: Room, logger: Logger): void {
	if (!room.dirty) return
	const { at, by } = room.dirty
	room.dirty = null
	try {
		store.writeDerived(room.id, countDocumentWords(room.doc), at, by)
	} catch (error) {
		logger.warn({ err: error, section: room.id }, 'could not write word count')
	}
}
