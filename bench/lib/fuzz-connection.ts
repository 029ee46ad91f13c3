import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { syncMessage } from './fuzz-frames.ts'

export type Outcome =
	| { accepted: true }
	| { accepted: false; code: number }
	| { accepted: false; code: 'timeout' }

const EMPTY_UPDATE = new Uint8Array([0, 0])
const EMPTY_STATE_VECTOR = new Uint8Array([0])

/**
 * A raw y-websocket connection for the fuzzer. `probe` sends a frame followed by a sync step 1
 * and waits for its step 2 — which Convene holds until everything before it is committed — or
 * for the close the frame caused. So when `probe` returns, the frame's effect (if any) is on disk.
 */
export class FuzzConnection {
	readonly ws: WebSocket
	closedWith: number | null = null
	messages = 0
	#waiters: Array<{ remaining: number; resolve: (outcome: Outcome) => void }> = []
	#closeWaiters: Array<(code: number) => void> = []

	private constructor(url: string, headers: Record<string, string>) {
		this.ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 })
		this.ws.on('error', () => {})
		this.ws.on('close', (code) => {
			this.closedWith = code
			for (const waiter of this.#waiters.splice(0)) waiter.resolve({ accepted: false, code })
			for (const waiter of this.#closeWaiters.splice(0)) waiter(code)
		})
		this.ws.on('message', (data: Buffer) => this.#onMessage(data))
	}

	/** Connects and completes the sync handshake; null when the server refuses or closes. */
	static async open(
		url: string,
		headers: Record<string, string>,
		timeoutMs = 10_000,
	): Promise<FuzzConnection | null> {
		const conn = new FuzzConnection(url, headers)
		const opened = await new Promise<boolean>((resolve) => {
			conn.ws.once('open', () => resolve(true))
			conn.ws.once('close', () => resolve(false))
			conn.ws.once('unexpected-response', () => resolve(false))
		})
		if (!opened) {
			conn.ws.terminate()
			return null
		}
		const outcome = await conn.#expectReplies(1, timeoutMs, () =>
			conn.send(syncMessage(0, EMPTY_STATE_VECTOR)),
		)
		return outcome.accepted ? conn : null
	}

	send(bytes: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) {
			this.messages++
			this.ws.send(bytes)
		}
	}

	/** Sends `frame`, then a probe; resolves once the probe is answered or the socket closes. */
	probe(frame: Uint8Array, timeoutMs = 10_000): Promise<Outcome> {
		// A frame that is itself a well-formed step 1 earns a reply of its own before the probe's.
		const replies = frame[0] === 0 && frame[1] === 0 ? 2 : 1
		return this.#expectReplies(replies, timeoutMs, () => {
			this.send(frame)
			this.send(syncMessage(0, EMPTY_STATE_VECTOR))
		})
	}

	#expectReplies(remaining: number, timeoutMs: number, act: () => void): Promise<Outcome> {
		if (this.closedWith !== null) return Promise.resolve({ accepted: false, code: this.closedWith })
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.#waiters = this.#waiters.filter((w) => w !== waiter)
				resolve({ accepted: false, code: 'timeout' })
			}, timeoutMs)
			const waiter = {
				remaining,
				resolve: (outcome: Outcome) => {
					clearTimeout(timer)
					resolve(outcome)
				},
			}
			this.#waiters.push(waiter)
			act()
		})
	}

	#onMessage(data: Buffer): void {
		try {
			const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
			const type = decoding.readVarUint(decoder)
			if (type !== 0) return
			const step = decoding.readVarUint(decoder)
			if (step === 0) {
				// The server's own step 1: answer with nothing to add, as an empty client would.
				this.send(syncMessage(1, EMPTY_UPDATE))
				return
			}
			if (step !== 1) return
			const waiter = this.#waiters[0]
			if (!waiter) return
			waiter.remaining--
			if (waiter.remaining === 0) {
				this.#waiters.shift()
				waiter.resolve({ accepted: true })
			}
		} catch {
			// not ours to judge
		}
	}

	/** Resolves with the close code once the socket is closed. */
	whenClosed(): Promise<number> {
		if (this.closedWith !== null) return Promise.resolve(this.closedWith)
		return new Promise((resolve) => this.#closeWaiters.push(resolve))
	}

	close(): void {
		this.ws.terminate()
	}
}
