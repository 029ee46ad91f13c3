import { Worker } from 'node:worker_threads'

/**
 * Requests to one worker thread, each answered once under the id it was sent with. The worker is
 * started on first use and again after it fails (every request then pending rejects); it holds
 * the process open only while a request is pending, so an idle server can still exit. Requests
 * are answered one after another, in the worker's own order.
 */
export class WorkerRequests<Request extends object, Reply extends object> {
	readonly #url: URL
	#worker: Worker | null = null
	#next = 1
	readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>()

	/** `url`: the worker's plain JavaScript file (worker threads do not inherit tsx's loader). */
	constructor(url: URL) {
		this.#url = url
	}

	/** Sends `request` (with `id` added) and resolves with the worker's answer to it. */
	request(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
		const worker = this.#worker ?? this.#start()
		const id = this.#next++
		worker.ref()
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject })
			worker.postMessage({ ...request, id }, transfer)
		})
	}

	/** Stops the worker; requests still pending reject. */
	async close(): Promise<void> {
		const worker = this.#worker
		this.#worker = null
		this.#failAll(new Error('the worker was stopped'))
		await worker?.terminate()
	}

	#start(): Worker {
		const worker = new Worker(this.#url)
		worker.unref()
		worker.on('message', ({ id, ...reply }: { id: number } & Reply) => {
			const pending = this.#pending.get(id)
			this.#pending.delete(id)
			if (this.#pending.size === 0) worker.unref()
			pending?.resolve(reply as unknown as Reply)
		})
		const fail = (error: Error) => {
			if (this.#worker !== worker) return
			this.#worker = null
			this.#failAll(error)
		}
		worker.on('error', fail)
		worker.on('exit', (code) => fail(new Error(`worker ${this.#url.pathname} exited with ${code}`)))
		this.#worker = worker
		return worker
	}

	#failAll(error: Error): void {
		for (const { reject } of this.#pending.values()) reject(error)
		this.#pending.clear()
	}
}
