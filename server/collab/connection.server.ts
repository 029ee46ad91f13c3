import type { WebSocket } from 'ws'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { LIMITS, TokenBucket } from './limits.server.ts'

export type ConnectionInfo = {
	userId: string
	isAdmin: boolean
	/** The stored session id (hash), re-checked while the socket is open. */
	sessionId: string
	sectionId: string
	access: 'read' | 'write'
	readOnlyReason: string | null
}

/**
 * One socket of one person on one section. Sending goes through `send`, which refuses to let the
 * socket's buffer grow without bound: a client that cannot keep up is closed and resyncs.
 */
export class Connection {
	readonly ws: WebSocket
	readonly info: ConnectionInfo
	readonly bucket = new TokenBucket(LIMITS.messagesPerSecond, LIMITS.messageBurst)
	/** Awareness client ids this connection speaks for (its own, learned from its first message). */
	readonly awarenessIds = new Set<number>()
	alive = true
	closed = false
	#onBytesOut: (bytes: number) => void
	#largest = 0

	constructor(ws: WebSocket, info: ConnectionInfo, onBytesOut: (bytes: number) => void) {
		this.ws = ws
		this.info = info
		this.#onBytesOut = onBytesOut
	}

	get access() {
		return this.info.access
	}

	send(message: Uint8Array): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return
		// The bound is on what piles up behind a client that does not read. One message may be larger
		// than the bound (the first sync of a 16 MB section): the allowance grows by the largest message
		// sent, so that reply and the edits that follow it while it drains still fit.
		this.#largest = Math.max(this.#largest, message.byteLength)
		if (this.ws.bufferedAmount + message.byteLength > LIMITS.maxBufferedBytes + this.#largest) {
			this.close(CLOSE_CODES.TOO_SLOW, 'send buffer full')
			return
		}
		this.#onBytesOut(message.byteLength)
		this.ws.send(message, (error) => {
			if (error) this.close(CLOSE_CODES.TOO_SLOW, 'send failed')
		})
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
