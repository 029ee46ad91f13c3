import Database from 'better-sqlite3'

/**
 * Why `file` is not a whole Convene database, in words for the person who named it, or null when
 * it is one: SQLite can open it, `PRAGMA integrity_check` says ok, and it has the `task_forces`
 * table. Opens the file read-only and closes it again.
 */
export function problemWithDatabase(file: string): string | null {
	let sqlite: Database.Database | undefined
	try {
		sqlite = new Database(file, { readonly: true, fileMustExist: true })
		const findings = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
			(row) => row.integrity_check,
		)
		if (findings.join() !== 'ok') {
			return `SQLite's integrity check found damage (${findings.slice(0, 3).join('; ')})`
		}
		const table = sqlite
			.prepare("select 1 from sqlite_master where type = 'table' and name = 'task_forces'")
			.get()
		return table ? null : 'it is an SQLite database without a task_forces table, so not a Convene one'
	} catch (error) {
		const code = String((error as { code?: unknown }).code)
		const message = error instanceof Error ? error.message : String(error)
		if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database'
		if (code.startsWith('SQLITE_CORRUPT')) return `SQLite's integrity check found damage (${message})`
		return `SQLite cannot read it (${message})`
	} finally {
		sqlite?.close()
	}
}
