import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { isBackupFileName } from './file-names.server.ts'

/**
 * Deletes all but the newest `keep` backups in `dir` and returns the names it deleted. Only files
 * named as `backupFileName` names them count; their names sort by the time they were taken.
 */
export function removeOldBackups(dir: string, keep: number): string[] {
	const newestFirst = readdirSync(dir).filter(isBackupFileName).sort().reverse()
	const old = newestFirst.slice(keep)
	for (const name of old) rmSync(path.join(dir, name), { force: true })
	return old
}
