import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema/index.ts'

/**
 * Opens the SQLite file with the settings every connection of ours needs.
 * WAL lets pages read while the collaboration server writes; `busy_timeout` makes a second writer
 * wait instead of failing at once; foreign keys are off in SQLite unless asked for, per connection.
 */
export function openDatabase(file: string) {
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('busy_timeout = 5000')
	return drizzle({ client: sqlite, schema, casing: 'snake_case' })
}

export type Db = ReturnType<typeof openDatabase>

/** Closes the underlying connection; WAL contents are checkpointed into the main file. */
export function closeDatabase(db: Db) {
	if (db.$client.open) db.$client.close()
}

/** A transaction handed to `db.transaction(tx => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Something queries can run on: the database, or a transaction in progress. */
export type Queryable = Db | Tx
