// Preloaded into a benchmarked server (`node --import <this file> …`): times every WebSocket
// 'message' event — the server's whole synchronous handling of one incoming message, from the
// decoded frame to the last write it causes in that call — and on SIGTERM writes the times, in µs,
// to $BENCH_HANDLER_FILE. Plain JavaScript so it loads before tsx; ws resolves to the copy every
// server here uses.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const file = process.env.BENCH_HANDLER_FILE
if (file) {
	const WebSocket = createRequire(import.meta.url)('ws')
	const emit = WebSocket.prototype.emit
	const micros = []
	WebSocket.prototype.emit = function timedEmit(event, ...args) {
		if (event !== 'message') return emit.call(this, event, ...args)
		const started = performance.now()
		try {
			return emit.call(this, event, ...args)
		} finally {
			micros.push((performance.now() - started) * 1000)
		}
	}
	process.prependListener('SIGTERM', () => writeFileSync(file, JSON.stringify(micros)))
}
