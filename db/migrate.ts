import { fileURLToPath } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Db } from './client.server.ts'

/** Where drizzle-kit writes migrations; they are committed and applied at start-up. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/** Applies every migration not yet applied, in order, each in a transaction. */
export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS_FOLDER) {
	migrate(db, { migrationsFolder })
}
