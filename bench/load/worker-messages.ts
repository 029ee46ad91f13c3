import type { Worker } from 'node:worker_threads'
import { nowMs } from '../lib/client.ts'
import type { TypingWindow } from './generator-thread.ts'

/** Sends `message` to a generator thread and waits for its reply of type `answer`. */
export function askWorker<T>(worker: Worker, message: object, answer: string): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onMessage = (reply: { type: string } & T) => {
			if (reply.type !== answer) return
			worker.off('message', onMessage)
			resolve(reply)
		}
		worker.on('message', onMessage)
		worker.once('error', reject)
		worker.postMessage(message)
	})
}

/**
 * Connects every thread's clients, then starts them all on one typing window: 200 ms from now,
 * `warmupMs` of warm-up, `measureMs` measured.
 */
export async function connectAndStart(
	workers: Worker[],
	{ warmupMs, measureMs }: { warmupMs: number; measureMs: number },
): Promise<TypingWindow & { connectMs: number }> {
	const connectStarted = nowMs()
	await Promise.all(workers.map((worker) => askWorker(worker, { type: 'connect' }, 'ready')))
	const connectMs = nowMs() - connectStarted
	const t0 = nowMs() + 200
	const measureStart = t0 + warmupMs
	const window = { t0, measureStart, measureEnd: measureStart + measureMs }
	for (const worker of workers) worker.postMessage({ type: 'start', ...window })
	return { ...window, connectMs }
}
