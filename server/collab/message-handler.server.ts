import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import {
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
} from '#shared/collab/messages.ts'
import type { Logger } from '../logger.server.ts'
import type { CommitPipeline } from './commit-pipeline.server.ts'
import type { Connection } from './connection.server.ts'
import { binaryFrame } from './frame.server.ts'
import { InvalidMessage } from './invalid-message.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import { PresenceRefused } from './presence.server.ts'
import { awarenessForward, awarenessMessage } from './protocol.server.ts'
import type { Room } from './room.server.ts'
import { validateUpdate } from './validate-update.server.ts'

/**
 * What a socket says, read and answered: sync steps and updates (updates through the
 * `CommitPipeline`, replies held until what they depend on is committed), presence, and questions
 * about presence. A socket over its message rate, sending too much or sending what is not the
 * protocol is closed with the code that says why.
 */
export class MessageHandler {
	readonly #metrics: CollabMetrics
	readonly #logger: Logger
	readonly #pipeline: CommitPipeline
	readonly #reject: (conn: Connection, reason: string, code: number) => void
	readonly #guard: (conn: Connection, handler: () => void) => void

	constructor(options: {
		metrics: CollabMetrics
		logger: Logger
		pipeline: CommitPipeline
		/** Counts a rejection and closes the socket with `code`. */
		reject: (conn: Connection, reason: string, code: number) => void
		/** Runs a later reply so that nothing it throws leaves the handler. */
		guard: (conn: Connection, handler: () => void) => void
	}) {
		this.#metrics = options.metrics
		this.#logger = options.logger
		this.#pipeline = options.pipeline
		this.#reject = options.reject
		this.#guard = options.guard
	}

	/** Handles one message of `conn`: sync, presence, or a question about presence. */
	handle(conn: Connection, room: Room, data: Buffer): void {
		if (conn.closed) return
		this.#metrics.bytesIn.inc(data.byteLength)
		if (!conn.bucket.take()) {
			this.#reject(conn, 'rate_limited', CLOSE_CODES.RATE_LIMITED)
			return
		}
		try {
			const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
			const type = decoding.readVarUint(decoder)
			if (type === MESSAGE_SYNC) this.#onSync(conn, room, decoder)
			else if (type === MESSAGE_AWARENESS) this.#onAwareness(conn, room, readPayload(decoder))
			else if (type === MESSAGE_QUERY_AWARENESS) conn.send(awarenessMessage(room.awareness))
			else throw new InvalidMessage(`unknown message type ${type}`)
		} catch (error) {
			if (error instanceof TooLarge) {
				this.#reject(conn, 'too_large', CLOSE_CODES.TOO_LARGE)
				return
			}
			if (error instanceof PresenceRefused) {
				this.#metrics.rejections.inc({ reason: 'presence_refused' })
				conn.close(CLOSE_CODES.MALFORMED, error.message)
				return
			}
			this.#logger.debug({ err: error, section: room.id }, 'malformed collaboration message')
			this.#reject(conn, 'malformed', CLOSE_CODES.MALFORMED)
		}
	}

	#onSync(conn: Connection, room: Room, decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder)
		const payload = readPayload(decoder)
		if (step === SYNC_STEP_1) {
			Y.decodeStateVector(payload) // throws on garbage
			room.whenCommitted(() => this.#guard(conn, () => this.#answerSync(conn, room, payload)))
			return
		}
		if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) throw new InvalidMessage(`unknown sync step ${step}`)
		// Read-only connections may sync and show presence; their updates are never applied or stored.
		if (conn.access === 'read') {
			this.#metrics.rejections.inc({ reason: 'read_only_update' })
			return
		}
		if (room.storedBytes + payload.byteLength > LIMITS.maxDocumentBytes) throw new TooLarge()
		validateUpdate(payload, room.doc)
		// A connection that may only suggest must leave the accepted text as it is: else nothing of
		// the update is stored or sent on, and the socket is closed with a code the editor explains.
		if (conn.access === 'suggest' && room.suggestions.refuses(payload)) {
			this.#reject(conn, 'not_a_suggestion', CLOSE_CODES.SUGGESTIONS_ONLY)
			return
		}
		this.#pipeline.applyFromSocket(room, payload, conn)
	}

	/** Answers a step 1 from the room's shared answers, within the connection's sync budget. */
	#answerSync(conn: Connection, room: Room, stateVector: Uint8Array): void {
		if (conn.closed) return
		const frame = room.syncReplies.reply(room.doc, room.seq, stateVector, (kind) =>
			this.#metrics.syncEncodes.inc({ kind }),
		)
		if (conn.answeredSync && !conn.syncBudget.take(Date.now(), frame.byteLength)) {
			this.#reject(conn, 'sync_rate_limited', CLOSE_CODES.RATE_LIMITED)
			return
		}
		conn.answeredSync = true
		conn.sendFrame(frame)
	}

	/** Presence, bound to the connection's person and its own client id (`presence.server.ts`). */
	#onAwareness(conn: Connection, room: Room, payload: Uint8Array): void {
		const update = room.presence.receive(conn, payload)
		if (!update) return
		const frame = binaryFrame(awarenessForward(update))
		for (const peer of room.conns) if (peer !== conn) peer.sendFrame(frame)
	}
}

class TooLarge extends Error {}

/** The rest of a message as one length-prefixed byte array, with nothing after it. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
	const payload = decoding.readVarUint8Array(decoder)
	if (decoding.hasContent(decoder)) throw new InvalidMessage('trailing bytes')
	return payload
}
