import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema/index.ts'

/**
 * Opens the SQLite file with the settings every connection of ours needs.
 * WAL lets pages read while the collaboration server writes; `synchronous = NORMAL` makes a commit
 * durable against a process crash without an fsync per commit (ADR 005); `busy_timeout` makes a
 * second writer wait instead of failing at once; foreign keys are off in SQLite unless asked for,
 * per connection.
 */
export function openDatabase(file: string) {
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('synchronous = NORMAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('busy_timeout = 5000')
	reuseStatements(sqlite)
	return drizzle({ client: sqlite, schema, casing: 'snake_case' })
}

/**
 * better-sqlite3 compiles SQL on every `prepare`, and drizzle prepares on every query it runs: a
 * dashboard paid for twenty compilations per request. Statements are reusable, so the connection
 * keeps the most recently used few hundred by SQL text (queries with a varying number of
 * parameters make new texts; the bound keeps those from piling up). Drizzle switches some
 * statements to raw rows, so a reused one is handed back in object-row mode, as `prepare` would.
 */
function reuseStatements(sqlite: Database.Database, keep = 500): void {
	const prepare = sqlite.prepare.bind(sqlite)
	const statements = new Map<string, Database.Statement>()
	const reuse = (source: string) => {
		const known = statements.get(source)
		if (known) {
			statements.delete(source) // re-inserted last: the map's order is least recently used first
			statements.set(source, known)
			if (known.reader) known.raw(false)
			return known
		}
		const statement = prepare(source)
		statements.set(source, statement)
		if (statements.size > keep) statements.delete(statements.keys().next().value as string)
		return statement
	}
	sqlite.prepare = reuse as typeof sqlite.prepare
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
