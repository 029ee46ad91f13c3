import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { logDir, type Running, type ServerKind, startServer } from './servers.ts'

/** One reading of `server-probe.mjs` inside a server: event-loop delay since the last reading, memory. */
export type ProbeReading = {
	seq: number
	at: number
	/** Delay of a 5 ms sampling timer, ms: an idle loop reads ~5, a 300 ms stall reads ~305. */
	loop: { p50: number; p99: number; max: number; mean: number }
	rssMb: number
	heapUsedMb: number
	externalMb: number
}

/** A running server with its probe reading file. */
export type Probed = Running & { probeFile: string }

const PRELOAD = pathToFileURL(path.join(import.meta.dirname, 'server-probe.mjs')).href

/**
 * Starts a server with the probe preloaded (and with `--expose-gc` when `gc`, so each memory
 * reading follows a full collection). Same instrument for Convene and the baselines.
 */
export async function startProbed(
	kind: ServerKind,
	options: { dataPath?: string; gc?: boolean } = {},
): Promise<Probed> {
	// Beside the run's server logs.
	const probeFile = path.join(logDir, `probe-${kind}-${randomUUID()}.json`)
	const nodeArgs = ['--import', PRELOAD, ...(options.gc ? ['--expose-gc'] : [])]
	const running = await startServer(kind, {
		dataPath: options.dataPath,
		nodeArgs,
		env: { BENCH_PROBE_FILE: probeFile },
	})
	return Object.assign(running, { probeFile })
}

function lastReading(file: string): ProbeReading | null {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as ProbeReading
	} catch {
		return null // not written yet, or being written
	}
}

/**
 * Asks the server for a reading (SIGUSR2) and waits for it. The server answers from its event
 * loop, so a blocked server answers late; that is fine, the reading covers the block.
 */
export async function readProbe(pid: number, file: string, timeoutMs = 30_000): Promise<ProbeReading> {
	const before = lastReading(file)?.seq ?? 0
	try {
		process.kill(pid, 'SIGUSR2')
	} catch (error) {
		throw new Error(`cannot signal server ${pid} for a probe reading (${(error as Error).message})`)
	}
	const deadline = Date.now() + timeoutMs
	for (;;) {
		const reading = lastReading(file)
		if (reading && reading.seq > before) return reading
		if (Date.now() > deadline) throw new Error(`no probe reading from ${pid} in ${timeoutMs} ms`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

/** The median of `count` readings `gapMs` apart (memory after settling; each after a GC when enabled). */
export async function medianReading(
	server: Probed,
	count = 3,
	gapMs = 1_000,
): Promise<{ rssMb: number; heapUsedMb: number }> {
	const rss: number[] = []
	const heap: number[] = []
	for (let i = 0; i < count; i++) {
		if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs))
		const reading = await readProbe(server.pid, server.probeFile)
		rss.push(reading.rssMb)
		heap.push(reading.heapUsedMb)
	}
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
	return { rssMb: median(rss), heapUsedMb: median(heap) }
}
