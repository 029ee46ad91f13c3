import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '#db/client.server.ts'
import type { Config } from '../config.server.ts'
import type { Logger } from '../logger.server.ts'
import { type Copy, copyDatabase } from './backup.server.ts'
import { backupFileName } from './file-names.server.ts'
import { removeOldBackups } from './rotation.server.ts'

export type BackupSchedule = {
	/** Clears the timer and stops a backup in progress (its partial file is removed). */
	stop: () => Promise<void>
}

/**
 * Pages copied per turn of the event loop: 100 pages (400 KB) take well under a millisecond, so
 * sockets and pages are served between steps. Writes the server commits meanwhile go through the
 * same connection, and SQLite copies them into the backup as well.
 */
const PAGES_PER_STEP = 100

/**
 * With BACKUP_DIR set, the server backs its database up every BACKUP_INTERVAL_MINUTES (the first
 * one interval after start) into that folder and keeps the newest BACKUP_KEEP. A failed backup is
 * logged and the next one runs on time; it never stops the server.
 */
export function startBackupSchedule(options: {
	db: Db
	config: Pick<Config, 'backupDir' | 'backupIntervalMinutes' | 'backupKeep'>
	logger: Logger
}): BackupSchedule {
	const { db, logger } = options
	const { backupDir: dir, backupIntervalMinutes: intervalMinutes, backupKeep: keep } = options.config
	if (dir === undefined) return { stop: async () => {} }
	logger.info({ backupDir: dir, intervalMinutes, keep }, 'scheduled backups are on')
	const abort = new AbortController()
	let running: Promise<void> | null = null
	const timer = setInterval(() => {
		if (running) {
			logger.warn({ backupDir: dir }, 'the previous backup is still running; skipping this one')
			return
		}
		running = takeScheduledBackup(db, dir, keep, { signal: abort.signal })
			.then(
				({ file, bytes, durationMs, removed }) =>
					logger.info(
						{ backup: { file, bytes, durationMs: Math.round(durationMs), removed } },
						'backup written',
					),
				(error: unknown) => {
					if (!abort.signal.aborted) logger.error({ err: error, backupDir: dir }, 'scheduled backup failed')
				},
			)
			.finally(() => {
				running = null
			})
	}, intervalMinutes * 60_000)
	timer.unref()
	return {
		async stop() {
			clearInterval(timer)
			abort.abort()
			await running
		},
	}
}

/** One scheduled backup: a verified copy named for `now` in `dir`, then the oldest beyond `keep` deleted. */
export async function takeScheduledBackup(
	db: Db,
	dir: string,
	keep: number,
	options: { now?: Date; signal?: AbortSignal } = {},
): Promise<Copy & { removed: string[] }> {
	mkdirSync(dir, { recursive: true })
	const target = path.join(dir, backupFileName(options.now ?? new Date()))
	const copy = await copyDatabase(db.$client, target, {
		pagesPerStep: PAGES_PER_STEP,
		signal: options.signal,
	})
	return { ...copy, removed: removeOldBackups(dir, keep) }
}
