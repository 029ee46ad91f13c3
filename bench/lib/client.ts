import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * How a server frames Yjs messages. `yws` is the y-websocket protocol (Convene and the reference
 * server); `hocuspocus` prefixes every message with the document name and wants an auth message
 * first; `relay` has no server state, so there is no handshake at all.
 */
export type Flavor = 'yws' | 'hocuspocus' | 'relay'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const HOCUSPOCUS_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/**
 * The loopback address client `index` connects from: 127.0.0.2, .3, … with 400 clients each.
 * Servers may cap sockets per address (Convene: 500, issue #11), as they should; thousands of real
 * users come from many addresses, and Linux answers every 127.0.0.0/8 address on loopback.
 */
export function loopbackFor(index: number): string {
	return `127.0.0.${2 + Math.floor(index / 400)}`
}

/** Monotonic milliseconds, the same clock in every thread and process of this machine. */
export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6
}

export type ClientOptions = {
	url: string
	headers?: Record<string, string>
	/** The loopback address to connect from (`loopbackFor`); default the kernel's choice. */
	localAddress?: string
	flavor: Flavor
	/** Room / document name (Hocuspocus puts it in every frame). */
	docName: string
	/** Keep a full Y.Doc (an editor) or only decode frames (a light viewer). */
	full: boolean
	/**
	 * Whether a full client also applies what others send (default true). An editor that only
	 * types into its own paragraph needs its own edits alone; the server cannot tell the difference.
	 */
	applyRemote?: boolean
	clientId?: number
	/** Called with every incremental update received (not the sync replies), at receipt. */
	onUpdate?: (update: Uint8Array, receivedAt: number) => void
}

/** Builds `[type][payload…]` bodies and frames them for the server's flavor. */
export function frame(
	flavor: Flavor,
	docName: string,
	write: (encoder: encoding.Encoder) => void,
): Uint8Array {
	const encoder = encoding.createEncoder()
	if (flavor === 'hocuspocus') encoding.writeVarString(encoder, docName)
	write(encoder)
	return encoding.toUint8Array(encoder)
}

/** A sync message (`step` 0, 1 or 2) carrying `payload`. */
export function syncFrame(flavor: Flavor, docName: string, step: number, payload: Uint8Array): Uint8Array {
	return frame(flavor, docName, (encoder) => {
		encoding.writeVarUint(encoder, MESSAGE_SYNC)
		encoding.writeVarUint(encoder, step)
		encoding.writeVarUint8Array(encoder, payload)
	})
}

/**
 * A lean Yjs WebSocket client for load generation: no provider, no reconnect, no awareness
 * timers — so that the generator's own cost per delivered update stays small and known.
 */
export class BenchClient {
	readonly ws: WebSocket
	readonly doc: Y.Doc | null
	readonly synced: Promise<void>
	readonly closed: Promise<{ code: number; reason: string }>
	readonly options: ClientOptions
	#text: Y.XmlText | null = null
	#resolveSynced!: () => void

	constructor(options: ClientOptions) {
		this.options = options
		this.doc = options.full ? new Y.Doc() : null
		if (this.doc && options.clientId !== undefined) this.doc.clientID = options.clientId
		this.synced = new Promise((resolve) => {
			this.#resolveSynced = resolve
		})
		this.ws = new WebSocket(options.url, {
			headers: options.headers,
			localAddress: options.localAddress,
			perMessageDeflate: false,
		})
		this.ws.binaryType = 'nodebuffer'
		this.closed = new Promise((resolve) => {
			this.ws.on('close', (code, reason) => {
				this.#resolveSynced() // never leave a waiter hanging on a closed socket
				resolve({ code, reason: reason.toString() })
			})
		})
		this.ws.on('error', () => {})
		this.ws.on('open', () => this.#onOpen())
		this.ws.on('message', (data: Buffer) => this.#onMessage(data))
		this.doc?.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== this) this.send(syncFrame(options.flavor, options.docName, SYNC_UPDATE, update))
		})
	}

	send(message: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message)
	}

	#onOpen(): void {
		const { flavor, docName } = this.options
		if (flavor === 'relay') {
			this.#resolveSynced()
			return
		}
		if (flavor === 'hocuspocus') {
			this.send(
				frame(flavor, docName, (encoder) => {
					encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH)
					encoding.writeVarUint(encoder, 0) // token
					encoding.writeVarString(encoder, 'bench')
				}),
			)
		}
		const stateVector = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])
		this.send(syncFrame(flavor, docName, SYNC_STEP_1, stateVector))
	}

	#onMessage(data: Buffer): void {
		const receivedAt = nowMs()
		const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
		if (this.options.flavor === 'hocuspocus') decoding.readVarString(decoder)
		const type = decoding.readVarUint(decoder)
		const isSync =
			type === MESSAGE_SYNC || (this.options.flavor === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)
		if (!isSync) return // awareness, access, auth, sync status: not measured
		const step = decoding.readVarUint(decoder)
		const payload = decoding.readVarUint8Array(decoder)
		if (step === SYNC_STEP_1) {
			const reply = this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : new Uint8Array([0, 0])
			this.send(syncFrame(this.options.flavor, this.options.docName, SYNC_STEP_2, reply))
			return
		}
		if (step === SYNC_UPDATE) this.options.onUpdate?.(payload, receivedAt)
		if (this.doc && this.options.applyRemote !== false) Y.applyUpdate(this.doc, payload, this)
		if (step === SYNC_STEP_2) this.#resolveSynced()
	}

	/** Starts this client's own paragraph at the end of the document (TipTap's `default` fragment). */
	startParagraph(initial = ''): void {
		if (!this.doc) throw new Error('a light client cannot edit')
		const fragment = this.doc.getXmlFragment('default')
		const paragraph = new Y.XmlElement('paragraph')
		this.#text = new Y.XmlText(initial)
		paragraph.insert(0, [this.#text])
		fragment.insert(fragment.length, [paragraph])
	}

	/** Types `chars` at the end of this client's paragraph: one update, `chars.length` clocks. */
	type(chars: string): void {
		if (!this.#text) this.startParagraph()
		const text = this.#text as Y.XmlText
		text.insert(text.length, chars)
	}

	/** The next clock this client's edits will use. */
	clock(): number {
		if (!this.doc) return 0
		return Y.getState(this.doc.store, this.doc.clientID)
	}

	text(): string {
		return this.doc ? this.doc.getXmlFragment('default').toString() : ''
	}

	/** Sends an awareness state for this client (presence), once. */
	announce(user: string): void {
		if (!this.doc) return
		const state = JSON.stringify({ user: { name: user } })
		this.send(
			frame(this.options.flavor, this.options.docName, (encoder) => {
				encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
				const inner = encoding.createEncoder()
				encoding.writeVarUint(inner, 1)
				encoding.writeVarUint(inner, this.doc?.clientID ?? 0)
				encoding.writeVarUint(inner, 1)
				encoding.writeVarString(inner, state)
				encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
			}),
		)
	}

	close(): void {
		this.ws.terminate()
		this.doc?.destroy()
	}
}
