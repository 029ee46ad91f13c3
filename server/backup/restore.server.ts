import { existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { BackupError, type Copy, copyDatabase } from './backup.server.ts'
import { problemWithDatabase } from './check-database.server.ts'

/**
 * Restores the backup `file` as `databaseFile`, which must not exist yet: a restore never
 * replaces data. The backup is checked first (a whole SQLite database with Convene's tables), then
 * copied with SQLite's backup API from a read-only connection, so a backup file that still has
 * its WAL beside it restores whole. Throws a BackupError saying what to do when it refuses.
 */
export async function restoreDatabase(file: string, databaseFile: string): Promise<Copy> {
	if (!existsSync(file)) throw new BackupError(`There is no file ${file}. Name the backup to restore.`)
	if (!statSync(file).isFile()) throw new BackupError(`${file} is a folder, not a backup file.`)
	const dataDir = path.dirname(databaseFile)
	for (const existing of [databaseFile, `${databaseFile}-wal`]) {
		if (existsSync(existing)) {
			throw new BackupError(
				`${dataDir} already holds a database (${path.basename(existing)}); a restore never replaces one. ` +
					'Stop the server and move the old data folder away (or set DATA_DIR to a new, empty folder), then restore again.',
			)
		}
	}
	const problem = problemWithDatabase(file)
	if (problem) throw new BackupError(`${file} is not a Convene backup: ${problem}. Nothing was restored.`)
	mkdirSync(dataDir, { recursive: true })
	const source = new Database(file, { readonly: true, fileMustExist: true })
	try {
		return await copyDatabase(source, databaseFile)
	} finally {
		source.close()
	}
}
