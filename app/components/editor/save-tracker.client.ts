import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2 } from '#shared/collab/messages.ts'

/** Quiet time after an edit before asking the server whether it is stored. */
const PROBE_DELAY_MS = 250
/**
 * y-websocket drops a connection that received nothing for 30 s, and the server's keepalive is a
 * WebSocket ping, which browsers answer without telling the page. An idle editor therefore asks
 * for the server's state now and then; the (tiny) answer keeps the connection alive.
 */
const HEARTBEAT_MS = 10_000

/**
 * Tells whether every local edit is stored on the server, so "Saved" is the truth.
 *
 * y-websocket has no acknowledgements, and the server does not echo an edit to its sender. But it
 * holds its answer to a sync step 1 until every update received before it is committed to the
 * database, and one socket delivers messages in order. So: after local edits, send a step 1 (a
 * "probe"); when its step 2 answer arrives, every edit sent before the probe is stored.
 *
 * Edits made offline reach the server in the client's answer to the server's own step 1 after a
 * reconnect, so probes only start once that answer has gone out.
 */
export class SaveTracker {
	readonly #provider: WebsocketProvider
	readonly #onChange: () => void
	/** Local edits seen so far, and how many of them the server has confirmed. */
	#local = 0
	#confirmed = 0
	/** What each outstanding step 1 on this connection will confirm when answered, in send order. */
	#expected: Array<{ confirms: number; probe: boolean }> = []
	/** Whether this connection has sent the server everything this document had when it joined. */
	#caughtUp = false
	#counting = true
	#timer: ReturnType<typeof setTimeout> | null = null
	readonly #heartbeat: ReturnType<typeof setInterval>

	constructor(provider: WebsocketProvider, onChange: () => void) {
		this.#provider = provider
		this.#onChange = onChange
		provider.doc.on('update', this.#onUpdate)
		const readSync = provider.messageHandlers[MESSAGE_SYNC]
		provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
			const step = decoding.peekVarUint(decoder)
			readSync?.(encoder, decoder, ...rest)
			if (step === SYNC_STEP_2) this.#onAnswer()
			// y-websocket sends our answer (with any offline edits) right after this handler returns.
			else if (step === SYNC_STEP_1) setTimeout(this.#onCaughtUp, 0)
		}
		provider.on('status', this.#onStatus)
		provider.on('connection-close', this.#onClose)
		this.#heartbeat = setInterval(this.#beat, HEARTBEAT_MS / 2)
	}

	/** True while some local edit is not yet known to be stored on the server. */
	get pending(): boolean {
		return this.#local > this.#confirmed
	}

	/**
	 * Read-only connections' edits are never stored, so they are not counted (an editor that cannot
	 * be typed in can still normalise its document, e.g. fix a table).
	 */
	setCounting(counting: boolean): void {
		this.#counting = counting
		if (!counting && this.pending) {
			this.#confirmed = this.#local
			this.#onChange()
		}
	}

	destroy(): void {
		clearInterval(this.#heartbeat)
		if (this.#timer) clearTimeout(this.#timer)
		this.#provider.doc.off('update', this.#onUpdate)
		this.#provider.off('status', this.#onStatus)
		this.#provider.off('connection-close', this.#onClose)
	}

	#onUpdate = (_update: Uint8Array, origin: unknown) => {
		// Updates from the server arrive with the provider as origin; everything else is ours,
		// including edits restored from IndexedDB that may never have reached the server.
		if (origin === this.#provider || !this.#counting) return
		const wasPending = this.pending
		this.#local += 1
		if (!wasPending) this.#onChange()
		this.#probeSoon()
	}

	#onStatus = ({ status }: { status: string }) => {
		// y-websocket emits "connected" just before it sends its own step 1 on the new socket.
		if (status === 'connected') this.#expected = [{ confirms: this.#confirmed, probe: false }]
	}

	#onClose = () => {
		this.#expected = []
		this.#caughtUp = false
	}

	#onCaughtUp = () => {
		if (this.#caughtUp || !this.#provider.wsconnected) return
		this.#caughtUp = true
		this.#probeSoon()
	}

	#onAnswer() {
		const answered = this.#expected.shift()
		if (!answered) return
		const wasPending = this.pending
		this.#confirmed = Math.max(this.#confirmed, answered.confirms)
		if (wasPending !== this.pending) this.#onChange()
		if (this.pending) this.#probeSoon()
	}

	#probeSoon() {
		if (this.#timer) return
		this.#timer = setTimeout(() => {
			this.#timer = null
			// One probe at a time: its answer schedules the next if edits kept coming.
			if (this.pending && !this.#expected.some((entry) => entry.probe)) this.#probe()
		}, PROBE_DELAY_MS)
	}

	#beat = () => {
		const idleMs = Date.now() - this.#provider.wsLastMessageReceived
		if (idleMs >= HEARTBEAT_MS && this.#expected.length === 0) this.#probe()
	}

	#probe() {
		const ws = this.#provider.ws
		if (!this.#caughtUp || !ws || ws.readyState !== WebSocket.OPEN) return
		const encoder = encoding.createEncoder()
		encoding.writeVarUint(encoder, MESSAGE_SYNC)
		encoding.writeVarUint(encoder, SYNC_STEP_1)
		encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.#provider.doc))
		this.#expected.push({ confirms: this.#local, probe: true })
		ws.send(encoding.toUint8Array(encoder))
	}
}
