import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { serveJsonChild } from '../lib/child-json.ts'
import { nowMs } from '../lib/client.ts'
import { cpuSeconds, rssMb } from '../lib/servers.ts'
import { percentile } from '../lib/stats.ts'
import { type FanoutConfig, type FanoutResult, SLOTS } from './fanout-types.ts'
import { collectReports, connectAndStart } from './worker-messages.ts'

/** Rows where the generator's own event loop lags more than this are not quoted. */
export const MAX_GENERATOR_LAG_MS = 10

/**
 * The load generator for one fan-out run, meant to run in its own process (see `main` below):
 * spreads clients over worker threads, connects them staggered until all are synced, types
 * through a warm-up and a measured window, drains, and reports latency at every peer beside the
 * server's and its own CPU and the generator's event-loop lag.
 */
export async function runFanout(config: FanoutConfig): Promise<FanoutResult> {
	const sendTimes = new SharedArrayBuffer(config.editors * SLOTS * 8)
	const workers: Worker[] = []
	for (let w = 0; w < config.workers; w++) {
		const editorIndexes = []
		for (let e = w; e < config.editors; e += config.workers) editorIndexes.push(e)
		const viewerCount =
			Math.floor(config.viewers / config.workers) + (w < config.viewers % config.workers ? 1 : 0)
		workers.push(
			new Worker(new URL('./worker-entry.mjs', import.meta.url), {
				workerData: {
					module: new URL('./fanout-worker.ts', import.meta.url).href,
					config,
					index: w,
					sendTimes,
					editorIndexes,
					viewerCount,
				},
			}),
		)
	}

	const { connectMs, measureStart, measureEnd } = await connectAndStart(workers, config)
	const lag = monitorEventLoopDelay({ resolution: 5 })
	await sleep(measureStart - nowMs())
	lag.enable()
	const cpu0 = cpuSeconds(config.serverPid)
	const self0 = process.cpuUsage()
	const wall0 = nowMs()
	await sleep(measureEnd - nowMs())
	const cpu1 = cpuSeconds(config.serverPid)
	const self1 = process.cpuUsage(self0)
	const wall = (nowMs() - wall0) / 1000
	lag.disable()
	const serverRssMb = rssMb(config.serverPid)
	await sleep(config.drainMs)

	const { sent, latencies: all, delivered, ...generator } = await collectReports(workers, sendTimes, lag)
	const expected = sent * (config.editors - 1 + config.viewers)
	const generatorLagP99Ms = generator.generatorLagP99Ms
	return {
		label: config.label,
		editors: config.editors,
		viewers: config.viewers,
		editorDocs: config.editorDocs,
		p50: percentile(all, 50),
		p95: percentile(all, 95),
		p99: percentile(all, 99),
		max: all.length ? (all[all.length - 1] as number) : Number.NaN,
		sent,
		expected,
		delivered,
		deliveredRatio: expected ? delivered / expected : Number.NaN,
		deliveriesPerSec: delivered / (config.measureMs / 1000),
		sentPerSec: sent / (config.measureMs / 1000),
		serverCpuCores: (cpu1 - cpu0) / wall,
		serverRssMb,
		generatorCpuCores: (self1.user + self1.system) / 1e6 / wall,
		generatorLagP99Ms,
		generatorLagMaxMs: generator.generatorLagMaxMs,
		connectMs,
		connectFailures: generator.connectFailures,
		closedDuringRun: generator.closedDuringRun,
		valid: generatorLagP99Ms <= MAX_GENERATOR_LAG_MS,
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

// Run as a process: configuration on stdin, result on the last line (bench/lib/child-json.ts).
serveJsonChild(import.meta.filename, (config: FanoutConfig) => runFanout(config))
