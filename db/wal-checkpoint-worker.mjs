// Plain JavaScript: worker threads do not inherit tsx's loader, so this file must run as it is.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

/**
 * The worker of `startWalCheckpointer`: its own connection to the same file, copying committed WAL
 * frames into the database every `intervalMs`. PASSIVE never waits for readers or the writer; it
 * does what it can and the next round does the rest.
 */
const { file, intervalMs } = workerData
const sqlite = new Database(file)
sqlite.pragma('busy_timeout = 0')
const timer = setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), intervalMs)
parentPort?.on('close', () => {
	clearInterval(timer)
	sqlite.close()
})
