import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { problemWithDatabase } from './check-database.server.ts'

/** A backup or restore that did not happen, with a message a person can act on. */
export class BackupError extends Error {
	override name = 'BackupError'
}

export type Copy = { file: string; bytes: number; durationMs: number }

/** Pages per step that mean "the rest in one step" (better-sqlite3 caps the rate at 2³¹ − 1). */
const ALL_PAGES = 0x7fff_ffff

/**
 * Copies the database open on `source` into the new file `target` with SQLite's online backup API,
 * then checks the copy and only then gives it its name. `pagesPerStep` pages are copied per turn
 * of the event loop: ALL_PAGES (the default) copies everything in one read transaction, a
 * consistent snapshot however busy other processes are; a smaller number keeps the event loop of
 * the process that owns `source` free, and writes through `source` meanwhile reach the copy too.
 * The copy is a single file (rollback journal, not WAL), so it can be moved and opened as it is.
 * Nothing is left behind under either name when it fails or `signal` aborts it.
 */
export async function copyDatabase(
	source: Database.Database,
	target: string,
	options: { pagesPerStep?: number; signal?: AbortSignal } = {},
): Promise<Copy> {
	if (existsSync(target))
		throw new BackupError(`${target} already exists; name a new file or move that one away.`)
	const partial = `${target}.partial`
	removeWithSideFiles(partial)
	const started = performance.now()
	try {
		await source.backup(partial, {
			progress: () => {
				options.signal?.throwIfAborted()
				return options.pagesPerStep ?? ALL_PAGES
			},
		})
		switchToRollbackJournal(partial)
		const problem = problemWithDatabase(partial)
		if (problem) throw new BackupError(`The copy failed its check: ${problem}. Nothing was kept.`)
		renameSync(partial, target)
	} catch (error) {
		removeWithSideFiles(partial)
		throw error
	}
	return { file: target, bytes: statSync(target).size, durationMs: performance.now() - started }
}

/** A copy of a WAL database is a WAL database; as a backup it should be one self-contained file. */
function switchToRollbackJournal(file: string): void {
	const sqlite = new Database(file, { fileMustExist: true })
	try {
		sqlite.pragma('journal_mode = DELETE')
	} finally {
		sqlite.close()
	}
}

function removeWithSideFiles(file: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
}
