import { setImmediate as nextTurn } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import { LIMITS } from './limits.server.ts'
import type { SectionLoaded, SectionLoadReply, SectionLoadRequest } from './section-load-worker.server.ts'

/**
 * Loads large sections off the event loop. Building a 16 MB section's document took the server's
 * thread ~3.5 s, its first sync answer ~0.7 s and its baseline version ~1.2 s more, and every other
 * section waited. The worker reads and builds it, encodes and describes it, and cuts it into
 * slices (`sliceState`); `build` applies those one per turn of the event loop here, so typing in
 * other sections goes on between them. One worker, started on first use and again after it
 * fails; loads run one after another in it.
 */
export class SectionLoader {
	readonly #file: string
	#worker: Worker | null = null
	#next = 1
	readonly #pending = new Map<
		number,
		{ resolve: (loaded: SectionLoaded) => void; reject: (error: Error) => void }
	>()

	/** `file`: the database, opened read-only by the worker. */
	constructor(file: string) {
		this.#file = file
	}

	/** Reads and prepares a section in the worker; rejects when it cannot be loaded. */
	load(docId: string): Promise<SectionLoaded> {
		const worker = this.#worker ?? this.#start()
		const id = this.#next++
		// Held open while a load is pending, so an idle server can still exit.
		worker.ref()
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject })
			const request: SectionLoadRequest = {
				id,
				file: this.#file,
				docId,
				sliceStructs: LIMITS.loadSliceStructs,
			}
			worker.postMessage(request)
		})
	}

	async close(): Promise<void> {
		const worker = this.#worker
		this.#worker = null
		this.#failAll(new Error('the section loader stopped'))
		await worker?.terminate()
	}

	#start(): Worker {
		const worker = new Worker(new URL('./section-load-worker.mjs', import.meta.url))
		worker.unref()
		worker.on('message', ({ id, reply }: { id: number; reply: SectionLoadReply }) => {
			const pending = this.#pending.get(id)
			this.#pending.delete(id)
			if (this.#pending.size === 0) worker.unref()
			if (!pending) return
			if (reply.ok) pending.resolve(reply)
			else pending.reject(new Error(reply.message))
		})
		const fail = (error: Error) => {
			if (this.#worker !== worker) return
			this.#worker = null
			this.#failAll(error)
		}
		worker.on('error', fail)
		worker.on('exit', (code) => fail(new Error(`the section-load worker exited with ${code}`)))
		this.#worker = worker
		return worker
	}

	#failAll(error: Error): void {
		for (const { reject } of this.#pending.values()) reject(error)
		this.#pending.clear()
	}
}

/**
 * Builds the document from the worker's slices, one per turn of the event loop, and checks that it
 * holds exactly what the worker loaded (else throws: the section must then be refused, never
 * served from a partial text).
 */
export async function buildInTurns(loaded: SectionLoaded): Promise<Y.Doc> {
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
