import type { IntervalHistogram } from 'node:perf_hooks'
import type { Worker } from 'node:worker_threads'
import { nowMs } from '../lib/client.ts'
import type { TypingWindow, WorkerReport } from './generator-thread.ts'

/** Sends `message` to a generator thread and waits for its reply of type `answer`. */
function askWorker<T>(worker: Worker, message: object, answer: string): Promise<T> {
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

/**
 * Asks every thread for its report, ends the threads and adds the reports up: keystrokes sent
 * (the send times recorded), every delivery latency (sorted), and the worst lag of any thread or
 * of the orchestrator (`lag`).
 */
export async function collectReports(
	workers: Worker[],
	sendTimes: SharedArrayBuffer,
	lag: IntervalHistogram,
) {
	const reports = (
		await Promise.all(
			workers.map((worker) => askWorker<{ report: WorkerReport }>(worker, { type: 'collect' }, 'report')),
		)
	).map(({ report }) => report)
	await Promise.all(workers.map((worker) => worker.terminate()))
	const times = new Float64Array(sendTimes)
	let sent = 0
	for (let i = 0; i < times.length; i++) if ((times[i] as number) > 0) sent++
	const latencies = new Float64Array(reports.reduce((sum, report) => sum + report.latencies.length, 0))
	let offset = 0
	for (const report of reports) {
		latencies.set(report.latencies, offset)
		offset += report.latencies.length
	}
	latencies.sort()
	const total = (count: (report: WorkerReport) => number) =>
		reports.reduce((sum, report) => sum + count(report), 0)
	return {
		sent,
		latencies,
		delivered: total((report) => report.delivered),
		connectFailures: total((report) => report.connectFailures),
		closedDuringRun: total((report) => report.closedDuringRun),
		generatorLagP99Ms: Math.max(lag.percentile(99) / 1e6, ...reports.map((report) => report.lagP99Ms)),
		generatorLagMaxMs: Math.max(lag.max / 1e6, ...reports.map((report) => report.lagMaxMs)),
	}
}
