import { setImmediate as nextTurn } from 'node:timers/promises'
import * as Y from 'yjs'
import { LIMITS } from './limits.server.ts'
import type {
	SectionEncoded,
	SectionLoaded,
	SectionLoadReply,
	SectionLoadRequest,
} from './section-load-worker.server.ts'
import { WorkerRequests } from './worker-requests.server.ts'

/** What the worker prepared, with the whole state as a view into the end of the sync answer. */
export type PreparedSection = SectionLoaded & { state: Uint8Array }

/**
 * Loads large sections off the event loop. Building a 16 MB section's document took the server's
 * thread ~3.5 s, its first sync answer ~0.7 s and its baseline version ~1.2 s more, and every other
 * section waited. The worker reads and builds it, encodes and describes it, and cuts it into
 * slices (`sliceState`); `buildInTurns` applies those one per turn of the event loop here, so typing in
 * other sections goes on between them. One worker, started on first use and again after it
 * fails; loads run one after another in it.
 */
export class SectionLoader {
	readonly #file: string
	readonly #worker = new WorkerRequests<SectionLoadRequest, { reply: SectionLoadReply }>(
		new URL('./section-load-worker.mjs', import.meta.url),
	)

	/** `file`: the database, opened read-only by the worker. */
	constructor(file: string) {
		this.#file = file
	}

	/** Reads and prepares a section in the worker; rejects when it cannot be loaded. */
	async load(docId: string): Promise<PreparedSection> {
		const { reply } = await this.#worker.request({
			kind: 'load',
			file: this.#file,
			docId,
			sliceStructs: LIMITS.loadSliceStructs,
		})
		if (!reply.ok) throw new Error(reply.message)
		if (reply.kind !== 'load') throw new Error(`the worker answered ${reply.kind} to load`)
		const { syncReply, stateBytes } = reply
		return { ...reply, state: syncReply.subarray(syncReply.byteLength - stateBytes) }
	}

	/** Reads a section as stored now, in the worker, and encodes and describes it (for a version). */
	async encode(docId: string): Promise<SectionEncoded> {
		const { reply } = await this.#worker.request({ kind: 'encode', file: this.#file, docId })
		if (!reply.ok) throw new Error(reply.message)
		if (reply.kind !== 'encode') throw new Error(`the worker answered ${reply.kind} to encode`)
		return { seq: reply.seq, state: reply.state, description: reply.description }
	}

	/** Stops the worker; loads still pending reject. */
	close(): Promise<void> {
		return this.#worker.close()
	}
}

/**
 * Builds the document from the worker's slices, one per turn of the event loop, and checks that it
 * holds exactly what the worker loaded (else throws: the section must then be refused, never
 * served from a partial text).
 */
export async function buildInTurns(loaded: Pick<SectionLoaded, 'slices' | 'stateVector'>): Promise<Y.Doc> {
	const doc = new Y.Doc({ gc: true })
	try {
		for (const slice of loaded.slices) {
			Y.applyUpdate(doc, slice)
			await nextTurn()
		}
		const built = Y.encodeStateVector(doc)
		const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
		if (pending || Buffer.compare(Buffer.from(built), Buffer.from(loaded.stateVector)) !== 0)
			throw new Error('the section built from slices differs from the one loaded')
		return doc
	} catch (error) {
		doc.destroy()
		throw error
	}
}
