// Preloaded into a benchmarked server (`node --import <this file> …`) so that every server, Convene
// and the baselines alike, is observed by the same instrument from inside its own process: its
// event-loop delay since the last reading, and its memory. Plain JavaScript so it loads before tsx.
// On SIGUSR2 it writes one JSON reading to $BENCH_PROBE_FILE and starts a new delay window; with
// --expose-gc it collects garbage (after reading the delay, before reading memory) so that memory
// readings are of live objects.
import { writeFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.BENCH_PROBE_FILE
if (file) {
	const delay = monitorEventLoopDelay({ resolution: 5 })
	delay.enable()
	let seq = 0
	// Read a moment after the signal, not in its handler: a signal that arrives during a stall is
	// handled before libuv fires the overdue sampling timer, and reading (and resetting) then would
	// drop the stall from both this window and the next.
	process.on('SIGUSR2', () => setTimeout(read, 20))
	function read() {
		const ms = (ns) => ns / 1e6
		const loop = {
			p50: ms(delay.percentile(50)),
			p99: ms(delay.percentile(99)),
			max: ms(delay.max),
			mean: ms(delay.mean),
		}
		delay.reset()
		if (typeof globalThis.gc === 'function') {
			globalThis.gc()
			globalThis.gc()
		}
		const memory = process.memoryUsage()
		const mb = (bytes) => bytes / 2 ** 20
		seq += 1
		writeFileSync(
			file,
			JSON.stringify({
				seq,
				at: Date.now(),
				loop,
				rssMb: mb(memory.rss),
				heapUsedMb: mb(memory.heapUsed),
				externalMb: mb(memory.external),
			}),
		)
	}
}
