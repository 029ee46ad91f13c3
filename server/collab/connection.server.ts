import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import type { TextAccess } from '#shared/collab/access.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import type { PresenceUser } from '#shared/collab/presence.ts'
import { binaryFrame } from './frame.server.ts'
import { LIMITS, TokenBucket } from './limits.server.ts'

export type ConnectionInfo = {
	userId: string
	isAdmin: boolean
	/** The stored session id (hash), re-checked while the socket is open. */
	sessionId: string
	sectionId: string
	access: TextAccess
	readOnlyReason: string | null
	/** Written by the server into every presence state this socket sends (`presence.server.ts`). */
	person: PresenceUser
}

/**
 * One socket of one person on one section. Sending goes through `send` or `sendFrame`, which
 * refuse to let the socket's buffer grow without bound: a client that cannot keep up is closed
 * and resyncs.
 *
 * Messages are written to the upgraded socket as ready-made frames (`binaryFrame`), one write per
 * message, so that a broadcast frames once for all its peers. ws still writes its own control
 * frames (ping, pong, close) on the same socket; it writes each whole and at once whenever
 * compression is off and nothing is sent through it as a Blob — both hold here
 * (`perMessageDeflate: false`, and every data message goes through this class) — so frames never
 * interleave.
 */
export class Connection {
	readonly ws: WebSocket
	readonly #socket: Duplex
	readonly info: ConnectionInfo
	readonly bucket = new TokenBucket(LIMITS.messagesPerSecond, LIMITS.messageBurst)
	/** Bytes of sync answers this connection may still ask for (see `syncReplyBytesPerSecond`). */
	readonly syncBudget = new TokenBucket(LIMITS.syncReplyBytesPerSecond, LIMITS.syncReplyBurstBytes)
	/** Whether its first sync answer went out (that one is not counted against the budget). */
	answeredSync = false
	alive = true
	closed = false
	#onBytesOut: (bytes: number) => void
	#largest = 0

	constructor(ws: WebSocket, socket: Duplex, info: ConnectionInfo, onBytesOut: (bytes: number) => void) {
		this.ws = ws
		this.#socket = socket
		this.info = info
		this.#onBytesOut = onBytesOut
	}

	get access() {
		return this.info.access
	}

	send(message: Uint8Array): void {
		this.sendFrame(binaryFrame(message))
	}

	/** Writes a message framed by `binaryFrame` (framed once when many sockets get it). */
	sendFrame(frame: Buffer): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN || !this.#socket.writable) return
		// The bound is on what piles up behind a client that does not read. One message may be larger
		// than the bound (the first sync of a 16 MB section): the allowance grows by the largest message
		// sent, so that reply and the edits that follow it while it drains still fit.
		this.#largest = Math.max(this.#largest, frame.byteLength)
		if (this.#socket.writableLength + frame.byteLength > LIMITS.maxBufferedBytes + this.#largest) {
			this.close(CLOSE_CODES.TOO_SLOW, 'send buffer full')
			return
		}
		this.#onBytesOut(frame.byteLength)
		// A failed write errors the socket; ws then closes the WebSocket and `close` reaches us.
		this.#socket.write(frame)
	}

	close(code: number, reason: string): void {
		if (this.closed) return
		this.closed = true
		try {
			this.ws.close(code, reason.slice(0, 120))
		} catch {
			this.ws.terminate()
		}
		// A peer that never answers the close handshake must not hold the socket forever.
		setTimeout(() => this.ws.terminate(), 5_000).unref()
	}
}
