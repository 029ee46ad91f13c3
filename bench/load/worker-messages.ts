import type { IntervalHistogram } from 'node:perf_hooks'
import type { Worker } from 'node:worker_threads'
import { nowMs } from '../lib/client.ts'

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

/** Records a thread's event-loop delay over the measuring window only (connecting is not part of it). */
export function measureLagDuring(lag: IntervalHistogram, measureStart: number, measureEnd: number): void {
	setTimeout(
		() => {
			lag.reset()
			lag.enable()
		},
		Math.max(0, measureStart - nowMs()),
	)
	setTimeout(() => lag.disable(), Math.max(0, measureEnd - nowMs()))
}
