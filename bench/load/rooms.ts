import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { serveJsonChild } from '../lib/child-json.ts'
import { nowMs } from '../lib/client.ts'
import { readProbe } from '../lib/server-probe.ts'
import { cpuSeconds, rssMb } from '../lib/servers.ts'
import { percentile } from '../lib/stats.ts'
import { MAX_GENERATOR_LAG_MS } from './fanout.ts'
import { ROOM_SLOTS, type RoomsConfig, type RoomsResult } from './rooms-types.ts'
import { collectReports, connectAndStart } from './worker-messages.ts'

/**
 * Highest stored sequence number per section, summed: it grows by one per committed update and,
 * unlike a row count, does not shrink when compaction folds rows into a snapshot.
 */
function committed(dbPath: string): number {
	const db = new Database(dbPath, { readonly: true })
	try {
		const row = db
			.prepare(
				`select coalesce(sum(top), 0) as n from (
					select doc_id, max(seq) as top from (
						select doc_id, seq from doc_updates union all select doc_id, seq from doc_snapshots
					) group by doc_id)`,
			)
			.get() as { n: number }
		return row.n
	} finally {
		db.close()
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * The many-rooms load generator, run as its own process: spreads the rooms over worker threads,
 * connects every client (staggered, each batch until synced), types through a warm-up and a
 * measured window, drains, and reports delivery latency, durable updates/s (Convene), the
 * server's event-loop delay, CPU and memory, and its own CPU and lag.
 */
export async function runRooms(config: RoomsConfig): Promise<RoomsResult> {
	const clients = config.rooms.length * config.clientsPerRoom
	const sendTimes = new SharedArrayBuffer(clients * ROOM_SLOTS * 8)
	const workers = Array.from({ length: config.workers }, (_, w) => {
		const roomIndexes = config.rooms.map((_, i) => i).filter((i) => i % config.workers === w)
		return new Worker(new URL('./worker-entry.mjs', import.meta.url), {
			workerData: {
				module: new URL('./rooms-worker.ts', import.meta.url).href,
				config,
				sendTimes,
				roomIndexes,
			},
		})
	})

	const { connectMs, measureStart, measureEnd } = await connectAndStart(workers, config)
	// Progress on stderr: shown only if the run fails.
	process.stderr.write(`connected ${clients} clients in ${Math.round(connectMs)} ms\n`)
	const lag = monitorEventLoopDelay({ resolution: 5 })
	await sleep(measureStart - nowMs())
	lag.enable()
	// Committed counts are read at both ends the same way, at once, so the updates in flight at
	// either end (a few, or a stall's worth) balance out; the rate is over the time between reads.
	const committed0 = config.dbPath ? committed(config.dbPath) : 0
	const committedAt0 = nowMs()
	const cpu0 = cpuSeconds(config.serverPid)
	const self0 = process.cpuUsage()
	const wall0 = nowMs()
	// Starts the server's delay window (a stalled server answers late: after the reads above).
	await readProbe(config.serverPid, config.probeFile)
	await sleep(measureEnd - nowMs())
	const committed1 = config.dbPath ? committed(config.dbPath) : 0
	const committedSeconds = (nowMs() - committedAt0) / 1000
	const cpu1 = cpuSeconds(config.serverPid)
	const self1 = process.cpuUsage(self0)
	const wall = (nowMs() - wall0) / 1000
	const serverRssMb = rssMb(config.serverPid)
	const loop = await readProbe(config.serverPid, config.probeFile)
	lag.disable()
	await sleep(config.drainMs)

	const { sent, latencies: all, delivered, ...generator } = await collectReports(workers, sendTimes, lag)
	const expected = sent * (config.clientsPerRoom - 1)
	const generatorLagP99Ms = generator.generatorLagP99Ms
	const seconds = config.measureMs / 1000
	return {
		label: config.label,
		rooms: config.rooms.length,
		clientsPerRoom: config.clientsPerRoom,
		minIntervalMs: config.minIntervalMs,
		maxIntervalMs: config.maxIntervalMs,
		measureMs: config.measureMs,
		connectMs,
		connectFailures: generator.connectFailures,
		closedDuringRun: generator.closedDuringRun,
		sent,
		sentPerSec: sent / seconds,
		durablePerSec: config.dbPath ? (committed1 - committed0) / committedSeconds : null,
		expected,
		delivered,
		deliveredRatio: expected ? delivered / expected : Number.NaN,
		p50: percentile(all, 50),
		p99: percentile(all, 99),
		max: all.length ? (all[all.length - 1] as number) : Number.NaN,
		serverLoopP99Ms: loop.loop.p99,
		serverLoopMaxMs: loop.loop.max,
		serverCpuCores: (cpu1 - cpu0) / wall,
		serverRssMb,
		generatorCpuCores: (self1.user + self1.system) / 1e6 / wall,
		generatorLagP99Ms,
		valid: generatorLagP99Ms <= MAX_GENERATOR_LAG_MS,
	}
}

// Run as a process: configuration on stdin, result on the last line (bench/lib/child-json.ts).
serveJsonChild(import.meta.filename, (config: RoomsConfig) => runRooms(config))
