import type { Db } from '#db/client.server.ts'
import type { AccessScope } from '../context.server.ts'
import { AccessChecker } from './access-checker.server.ts'
import type { Connection } from './connection.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import { accessMessage } from './protocol.server.ts'
import type { Room } from './room.server.ts'
import { Slices } from './slices.server.ts'

/**
 * Re-decides every open connection against the policy: a phase advance, an approval, a removal or
 * a signed-out session takes effect within `accessRecheckMs` — the socket is told it now reads, or
 * closed with the code that explains why. A round is spread over `backgroundSlices` timer ticks, so
 * a thousand open sections never stall the event loop at once. Changes made through the app are
 * re-decided at once (`now`, from `CollabFacade.accessChanged`); the round is the safety net for
 * the rest (the admin CLI, a session expiring, anything that forgot to say).
 */
export class AccessRechecker {
	readonly #checker: AccessChecker
	readonly #slices = new Slices<Room>(LIMITS.backgroundSlices)
	readonly #metrics: CollabMetrics
	readonly #close: (conn: Connection, reason: string, code: number) => void

	constructor(
		db: Db,
		metrics: CollabMetrics,
		close: (conn: Connection, reason: string, code: number) => void,
	) {
		this.#checker = new AccessChecker(db)
		this.#metrics = metrics
		this.#close = close
	}

	/** Re-checks the next share of the open rooms (run from a timer). */
	slice(rooms: () => Iterable<Room>): void {
		// Facts are memoised per slice: a change is seen within one slice of being made.
		this.#checker.beginRound()
		for (const room of this.#slices.take(rooms)) {
			if (!room.closed) this.#recheckRoom(room)
		}
	}

	/**
	 * Re-decides at once the open connections an access change may touch, with facts read now (the
	 * change has just committed). Called in the same turn as the commit, before any later message of
	 * those sockets is handled: the periodic round stays as the net for changes made elsewhere.
	 */
	now(rooms: Iterable<Room>, scope: AccessScope): void {
		this.#checker.beginRound()
		const sectionIds =
			'sectionId' in scope
				? new Set([scope.sectionId])
				: 'taskForceId' in scope
					? this.#checker.sectionIdsOf(scope.taskForceId)
					: null
		const userId = 'userId' in scope ? scope.userId : null
		for (const room of rooms) {
			if (room.closed || (sectionIds && !sectionIds.has(room.id))) continue
			this.#recheckRoom(room, userId)
		}
	}

	/** Re-decides a room's connections (only `userId`'s when given). */
	#recheckRoom(room: Room, userId: string | null = null): void {
		for (const conn of room.conns) {
			if (userId !== null && conn.info.userId !== userId) continue
			const decision = this.#checker.decide(conn.info, room.id)
			if (decision.kind === 'close') {
				this.#close(conn, decision.reason, decision.code)
				continue
			}
			// The role shown in presence follows too, from the socket's next presence message on.
			if (decision.role !== conn.info.person.role)
				conn.info.person = { ...conn.info.person, role: decision.role }
			if (decision.access !== conn.access) {
				this.#metrics.connections.dec({ access: conn.access })
				conn.info.access = decision.access
				conn.info.readOnlyReason = decision.readOnlyReason
				this.#metrics.connections.inc({ access: decision.access })
				conn.send(accessMessage(decision.access, decision.readOnlyReason))
			}
		}
	}
}
