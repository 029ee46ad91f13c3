import { Worker } from 'node:worker_threads'
import type { Db } from './client.server.ts'

export type WalCheckpointer = { stop: () => Promise<void> }

/** SQLite's default: checkpoint on the committing connection once the WAL passes 1,000 pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000

/**
 * Moves WAL checkpoints off the server's event loop. By default SQLite checkpoints inside the
 * commit that crosses 1,000 pages, and that checkpoint writes back and fsyncs the database file:
 * 5–10 ms during which no socket of the process is served — live typing felt it every couple of
 * seconds. A worker thread with its own connection runs passive checkpoints instead (they never
 * block the writer). If the worker fails, the connection checkpoints for itself again.
 */
export function startWalCheckpointer(
	db: Db,
	file: string,
	options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): WalCheckpointer {
	const sqlite = db.$client
	sqlite.pragma('wal_autocheckpoint = 0')
	let stopped = false
	const fallBack = (error: unknown) => {
		if (stopped || !sqlite.open) return
		stopped = true
		sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`)
		options.onError?.(error)
	}
	const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
		workerData: { file, intervalMs: options.intervalMs ?? 1000 },
	})
	worker.unref()
	worker.on('error', fallBack)
	worker.on('exit', (code) => fallBack(new Error(`WAL checkpoint worker exited with ${code}`)))
	return {
		async stop() {
			stopped = true
			await worker.terminate()
			// Closing the connection checkpoints what is left.
			if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`)
		},
	}
}
