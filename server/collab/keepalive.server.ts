import { writeAwareness } from './awareness-codec.server.ts'
import type { Connection } from './connection.server.ts'
import { binaryFrame } from './frame.server.ts'
import { awarenessForward } from './protocol.server.ts'
import type { Room } from './room.server.ts'

/** An empty awareness update: a message that changes nothing. */
const KEEPALIVE = binaryFrame(awarenessForward(writeAwareness([])))

/**
 * Keeps every open socket alive, a share of them per timer tick: a socket that did not answer its
 * last ping is terminated; the others get a ping and, because browsers never show pings to the page
 * and y-websocket drops a connection that hears nothing for 30 s, an empty awareness update.
 *
 * Pinging all 3,000 sockets of a thousand open sections at once held the event loop ~50–75 ms
 * every 15 s (the many-rooms bench's worst stall). Each connection gets a slot when it is first
 * seen; a tick serves one slot, so with `slots` ticks per keepalive period every connection is
 * visited once a period — a new one within one period of its first sight, however rooms come and go.
 */
export class KeepAlive {
	readonly #slots: number
	readonly #slotOf = new WeakMap<Connection, number>()
	#nextSlot = 0
	#tick = 0

	constructor(slots: number) {
		this.#slots = slots
	}

	/** Serves the next slot's connections (run from a timer every period ÷ `slots`). */
	tick(rooms: Iterable<Room>): void {
		const slot = this.#tick
		this.#tick = (this.#tick + 1) % this.#slots
		for (const room of rooms) {
			for (const conn of room.conns) {
				if (this.#slot(conn) === slot) visit(conn)
			}
		}
	}

	#slot(conn: Connection): number {
		let slot = this.#slotOf.get(conn)
		if (slot === undefined) {
			slot = this.#nextSlot
			this.#nextSlot = (this.#nextSlot + 1) % this.#slots
			this.#slotOf.set(conn, slot)
		}
		return slot
	}
}

function visit(conn: Connection): void {
	if (!conn.alive) {
		conn.ws.terminate()
		return
	}
	conn.alive = false
	conn.ws.ping()
	conn.sendFrame(KEEPALIVE)
}
