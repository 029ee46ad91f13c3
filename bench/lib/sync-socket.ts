import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { type Flavor, frame, nowMs, syncFrame } from './client.ts'

const MESSAGE_SYNC = 0
const HOCUSPOCUS_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
/** The state vector of an empty document, and the empty update. */
const EMPTY_STATE_VECTOR = new Uint8Array([0])
const EMPTY_UPDATE = new Uint8Array([0, 0])

/** How one load went: milliseconds from `new WebSocket`; `syncedMs` null when it never synced. */
export type LoadTiming = {
	openMs: number | null
	syncedMs: number | null
	/** When the server closed the socket, if it did. */
	closedMs: number | null
	/** Bytes of the sync step 2 payload received (the document as the server sent it). */
	bytes: number
	closeCode: number | null
}

/**
 * A socket that only syncs, with no Y.Doc: it asks for the whole document (empty state vector) and
 * records when the server's sync step 2 arrives and how big it was, without applying it — so the
 * time measured is the server's (and the wire's), not a client's. With `push`, it answers the
 * server's step 1 with that state as its step 2: how the bench puts a document into a server that
 * cannot be seeded from outside (the baselines).
 */
export class SyncSocket {
	readonly ws: WebSocket
	readonly timing: LoadTiming = {
		openMs: null,
		syncedMs: null,
		closedMs: null,
		bytes: 0,
		closeCode: null,
	}
	readonly synced: Promise<LoadTiming>
	/** Resolves once the pushed state has been sent (in reply to the server's step 1). */
	readonly pushed: Promise<void>
	#resolvePushed!: () => void
	readonly #started = nowMs()
	readonly #flavor: Flavor
	readonly #docName: string
	readonly #push: Uint8Array | null
	/** Sync step 1s sent and step 2s received: the server answers in order, so the nth answers the nth. */
	#asked = 0
	#answered = 0
	#waiting = new Map<number, (bytes: number) => void>()

	constructor(options: {
		url: string
		headers?: Record<string, string>
		/** The loopback address to connect from (`loopbackFor`). */
		localAddress?: string
		flavor: Flavor
		docName: string
		push?: Uint8Array
	}) {
		this.#flavor = options.flavor
		this.#docName = options.docName
		this.#push = options.push ?? null
		this.ws = new WebSocket(options.url, {
			headers: options.headers,
			localAddress: options.localAddress,
			perMessageDeflate: false,
			maxPayload: 256 * 2 ** 20,
		})
		this.ws.binaryType = 'nodebuffer'
		this.ws.on('error', () => {})
		this.synced = new Promise((resolve) => {
			this.#waiting.set(1, () => resolve(this.timing))
			this.ws.on('close', (code) => {
				this.timing.closeCode = code
				this.timing.closedMs = nowMs() - this.#started
				resolve(this.timing)
			})
		})
		this.pushed = new Promise((resolve) => {
			this.#resolvePushed = resolve
		})
		this.ws.on('open', () => this.#onOpen())
		this.ws.on('message', (data: Buffer) => this.#onMessage(data))
	}

	#send(message: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message)
	}

	#onOpen(): void {
		this.timing.openMs = nowMs() - this.#started
		if (this.#flavor === 'hocuspocus') {
			this.#send(
				frame(this.#flavor, this.#docName, (encoder) => {
					encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH)
					encoding.writeVarUint(encoder, 0)
					encoding.writeVarString(encoder, 'bench')
				}),
			)
		}
		this.#ask()
	}

	#ask(): number {
		this.#send(syncFrame(this.#flavor, this.#docName, SYNC_STEP_1, EMPTY_STATE_VECTOR))
		return ++this.#asked
	}

	#onMessage(data: Buffer): void {
		const at = nowMs()
		const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
		if (this.#flavor === 'hocuspocus') decoding.readVarString(decoder)
		const type = decoding.readVarUint(decoder)
		if (type !== MESSAGE_SYNC && !(this.#flavor === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) return
		const step = decoding.readVarUint(decoder)
		const payload = decoding.readVarUint8Array(decoder)
		if (step === SYNC_STEP_1) {
			this.#send(syncFrame(this.#flavor, this.#docName, SYNC_STEP_2, this.#push ?? EMPTY_UPDATE))
			this.#resolvePushed()
		} else if (step === SYNC_STEP_2) {
			if (this.timing.syncedMs === null) {
				this.timing.syncedMs = at - this.#started
				this.timing.bytes = payload.byteLength
			}
			this.#answered += 1
			this.#waiting.get(this.#answered)?.(payload.byteLength)
			this.#waiting.delete(this.#answered)
		}
	}

	/**
	 * Asks for the document again and resolves with the size of the answer to this request (not an
	 * earlier one). A server answers a socket's messages in order, so once this resolves it has
	 * applied everything sent before it.
	 */
	roundTrip(timeoutMs = 60_000): Promise<number> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no sync step 2 in time')), timeoutMs)
			this.#waiting.set(this.#ask(), (bytes) => {
				clearTimeout(timer)
				resolve(bytes)
			})
		})
	}

	close(): void {
		this.ws.terminate()
	}
}

/** Resolves `promise`, or null after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
	return Promise.race([promise, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())])
}

/**
 * Puts `state` into a baseline server's room through a client, as a first editor's tab would, and
 * waits until the server has applied it. Returns the open socket (the room's client until closed).
 */
export async function pushDocument(options: {
	url: string
	flavor: Flavor
	docName: string
	state: Uint8Array
	localAddress?: string
	timeoutMs?: number
}): Promise<SyncSocket> {
	const socket = new SyncSocket({ ...options, push: options.state })
	const timeoutMs = options.timeoutMs ?? 60_000
	if ((await within(socket.pushed, timeoutMs)) === null) {
		socket.close()
		throw new Error(`pushing ${options.docName}: the server never sent its sync step 1`)
	}
	const held = await socket.roundTrip(timeoutMs)
	// The server's whole state can be encoded a little differently, never much smaller.
	if (held < options.state.byteLength * 0.9) {
		socket.close()
		throw new Error(
			`pushing ${options.docName}: the server holds ${held} of ${options.state.byteLength} bytes`,
		)
	}
	return socket
}
