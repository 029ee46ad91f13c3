import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { closeDatabase, type Db, openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.ts'

const opened: Array<{ db: Db; dir: string }> = []

afterEach(() => {
	for (const { db, dir } of opened.splice(0)) {
		closeDatabase(db)
		rmSync(dir, { recursive: true, force: true })
	}
})

/** A real SQLite file in a fresh temporary folder, closed and deleted after the test. */
export function createTempDatabase(options: { migrate?: boolean } = {}) {
	const dir = mkdtempSync(path.join(tmpdir(), 'convene-test-'))
	const file = path.join(dir, 'convene.db')
	const db = openDatabase(file)
	opened.push({ db, dir })
	if (options.migrate ?? true) migrateDatabase(db)
	return { db, file, dir }
}
