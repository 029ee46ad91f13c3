import * as awarenessProtocol from 'y-protocols/awareness'
import type { PresenceUser } from '#shared/collab/presence.ts'
import { type AwarenessEntry, readAwareness, writeAwareness } from './awareness-codec.server.ts'
import type { Connection } from './connection.server.ts'
import { InvalidMessage } from './invalid-message.server.ts'
import { LIMITS } from './limits.server.ts'
import { awarenessMessage } from './protocol.server.ts'

/** A connection spoke for presence it does not own: refused, the socket closed (4400). */
export class PresenceRefused extends Error {
	override name = 'PresenceRefused'
}

/**
 * The awareness rule of one room. Each connection speaks for one client id: the first one it
 * announces that no other connection holds. Every state it sends for that id is bound to its
 * signed-in person (the `user` field is the server's, whatever the browser wrote; other fields such
 * as the cursor are kept, bounded in size) and stamped with a clock newer than the room's, so a
 * reconnect that resends its old clock is shown again at once.
 *
 * An id another connection holds is refused — a state with a newer clock (speaking for it) or a
 * removal — except that the same person's newer connection (a reload or reconnect whose old socket
 * has not closed yet) takes it over. Stock y-websocket clients echo the states they hear, with the
 * clocks they heard: those are dropped quietly, never applied or forwarded. When a connection
 * closes, only the state it owns is removed.
 */
export class RoomPresence {
	readonly awareness: awarenessProtocol.Awareness
	readonly #owners = new Map<number, Connection>()
	readonly #idOf = new Map<Connection, number>()

	constructor(awareness: awarenessProtocol.Awareness) {
		this.awareness = awareness
	}

	/**
	 * Applies what `conn` may say of an awareness `payload` and returns the update to forward to the
	 * other connections (null: nothing to forward). Throws `InvalidMessage` or `PresenceRefused`.
	 */
	receive(conn: Connection, payload: Uint8Array): Uint8Array | null {
		const accepted: AwarenessEntry[] = []
		for (const entry of readAwareness(payload)) {
			if (!this.#speaksFor(conn, entry)) continue
			const clock = Math.max(entry.clock, (this.awareness.meta.get(entry.clientId)?.clock ?? 0) + 1)
			accepted.push({ clientId: entry.clientId, clock, state: bindToPerson(entry.state, conn.info.person) })
		}
		if (accepted.length === 0) return null
		const update = writeAwareness(accepted)
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
		return update
	}

	/** Forgets `conn`; the awareness message removing its state, when it had one to remove. */
	release(conn: Connection): Uint8Array | null {
		const id = this.#idOf.get(conn)
		if (id === undefined) return null
		this.#idOf.delete(conn)
		this.#owners.delete(id)
		if (!this.awareness.states.has(id)) return null
		awarenessProtocol.removeAwarenessStates(this.awareness, [id], conn)
		return awarenessMessage(this.awareness, [id])
	}

	/** Whether `entry` is `conn`'s to apply; false for an echo to drop; throws for a refusal. */
	#speaksFor(conn: Connection, entry: AwarenessEntry): boolean {
		const owner = this.#owners.get(entry.clientId)
		if (owner === conn) return true
		const hasId = this.#idOf.has(conn)
		const removal = entry.state === 'null'
		if (!owner) {
			// A removal of an id nobody holds is an echo of one already done.
			if (hasId || removal) return false
			this.#own(conn, entry.clientId)
			return true
		}
		if (!removal && !hasId && owner.info.userId === conn.info.userId) {
			this.#own(conn, entry.clientId)
			return true
		}
		// An echo carries a clock already heard, a removal's too: a client that hears another's
		// removal before that connection has closed sends it back. Only a newer clock speaks for the id.
		const heardClock = this.awareness.meta.get(entry.clientId)?.clock ?? 0
		if (entry.clock <= heardClock) return false
		throw new PresenceRefused('awareness client id held by another connection')
	}

	#own(conn: Connection, clientId: number): void {
		const previous = this.#owners.get(clientId)
		if (previous) this.#idOf.delete(previous)
		this.#owners.set(clientId, conn)
		this.#idOf.set(conn, clientId)
	}
}

/**
 * The state as others will see it: the person's own `user`, and whatever else the editor keeps
 * there (its cursor) if it is small. A removal (`null`) stays a removal.
 */
function bindToPerson(state: string, person: PresenceUser): string {
	const value: unknown = JSON.parse(state)
	if (value === null) return state
	if (typeof value !== 'object' || Array.isArray(value))
		throw new InvalidMessage('awareness state is not an object')
	const { user: _claimed, ...rest } = value as Record<string, unknown>
	const kept = JSON.stringify(rest)
	if (kept.length > LIMITS.maxPresenceFieldsChars) throw new InvalidMessage('awareness state too large')
	return JSON.stringify({ ...rest, user: person })
}
