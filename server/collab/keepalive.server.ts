import { binaryFrame } from './frame.server.ts'
import { awarenessForward } from './protocol.server.ts'
import type { Room } from './room.server.ts'
import { writeAwareness } from './validate.server.ts'

/** An empty awareness update: a message that changes nothing. */
const KEEPALIVE = binaryFrame(awarenessForward(writeAwareness([])))

/**
 * One keepalive round over every open socket: a socket that did not answer the last ping is
 * terminated; the others get a ping and, because browsers never show pings to the page and
 * y-websocket drops a connection that hears nothing for 30 s, an empty awareness update.
 */
export function keepAlive(rooms: Iterable<Room>): void {
	for (const room of rooms) {
		for (const conn of room.conns) {
			if (!conn.alive) {
				conn.ws.terminate()
				continue
			}
			conn.alive = false
			conn.ws.ping()
			conn.sendFrame(KEEPALIVE)
		}
	}
}
