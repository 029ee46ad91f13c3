import { readFileSync } from 'node:fs'
import path from 'node:path'
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api'
import { expect, test } from 'vitest'
import { MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import * as schema from '#db/schema/index.ts'
import { createTempDatabase } from '../support/temp-database.ts'

/** The parts of drizzle-kit's SQLite snapshot this test compares. */
type Snapshot = {
	tables: Record<
		string,
		{
			name: string
			columns: Record<string, { name: string; type: string; primaryKey: boolean; notNull: boolean }>
			indexes: Record<string, { name: string; columns: string[]; isUnique: boolean }>
			foreignKeys: Record<
				string,
				{ tableTo: string; columnsFrom: string[]; columnsTo: string[]; onDelete?: string }
			>
			compositePrimaryKeys: Record<string, { columns: string[] }>
		}
	>
}

async function expectedSchema(): Promise<Snapshot> {
	return (await generateSQLiteDrizzleJson(schema, undefined, 'snake_case')) as unknown as Snapshot
}

function latestCommittedSnapshot(): Snapshot {
	const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'))
	const last = journal.entries.at(-1)
	const file = path.join(MIGRATIONS_FOLDER, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`)
	return JSON.parse(readFileSync(file, 'utf8'))
}

test('every change to the drizzle schema has a committed migration', async () => {
	const pending = await generateSQLiteMigration(
		latestCommittedSnapshot() as never,
		(await expectedSchema()) as never,
	)
	expect(pending, 'run `npm run db:generate` and commit the migration').toEqual([])
})

test('applying all migrations to an empty database yields exactly the drizzle schema', async () => {
	const { db } = createTempDatabase()
	const expected = await expectedSchema()
	const actualTables = db
		.all<{ name: string }>(
			"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name" as never,
		)
		.map((row) => row.name)
	expect(actualTables).toEqual(Object.keys(expected.tables).sort())

	for (const table of Object.values(expected.tables)) {
		const sqlite = db.$client
		const columns = sqlite.pragma(`table_info("${table.name}")`) as Array<{
			name: string
			type: string
			notnull: number
			pk: number
		}>
		// Order is not compared: ALTER TABLE appends columns, wherever the schema file lists them.
		const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]))
		expect(
			columns
				.map((column) => [column.name, column.type.toLowerCase(), column.notnull === 1 || column.pk > 0])
				.sort(byName),
			`columns of ${table.name}`,
		).toEqual(
			Object.values(table.columns)
				.map((column) => [column.name, column.type.toLowerCase(), column.notNull || column.primaryKey])
				.sort(byName),
		)

		const primaryKey = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk)
		const expectedPrimaryKey =
			Object.values(table.compositePrimaryKeys)[0]?.columns ??
			Object.values(table.columns)
				.filter((column) => column.primaryKey)
				.map((column) => column.name)
		expect(
			primaryKey.map((column) => column.name),
			`primary key of ${table.name}`,
		).toEqual(expectedPrimaryKey)

		const indexes = (
			sqlite.pragma(`index_list("${table.name}")`) as Array<{ name: string; unique: number; origin: string }>
		)
			.filter((index) => index.origin === 'c')
			.map((index) => ({
				name: index.name,
				unique: index.unique === 1,
				columns: (sqlite.pragma(`index_info("${index.name}")`) as Array<{ name: string }>).map((c) => c.name),
			}))
			.sort((a, b) => a.name.localeCompare(b.name))
		expect(indexes, `indexes of ${table.name}`).toEqual(
			Object.values(table.indexes)
				.map((index) => ({ name: index.name, unique: index.isUnique, columns: index.columns }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		)

		const foreignKeys = (
			sqlite.pragma(`foreign_key_list("${table.name}")`) as Array<{
				table: string
				from: string
				to: string
				on_delete: string
			}>
		)
			.map((key) => `${key.from} → ${key.table}.${key.to} on delete ${key.on_delete.toLowerCase()}`)
			.sort()
		expect(foreignKeys, `foreign keys of ${table.name}`).toEqual(
			Object.values(table.foreignKeys)
				.map(
					(key) =>
						`${key.columnsFrom.join(',')} → ${key.tableTo}.${key.columnsTo.join(',')} on delete ${(key.onDelete ?? 'no action').toLowerCase()}`,
				)
				.sort(),
		)
	}
})

test('a database is opened with WAL, foreign keys and a busy timeout', () => {
	const { db } = createTempDatabase()
	expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
	expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
	expect(db.$client.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000)
})

test('migrating twice is harmless: the second run applies nothing', () => {
	const { db } = createTempDatabase()
	const before = db.$client.prepare('select count(*) as n from __drizzle_migrations').get()
	migrateDatabase(db)
	expect(db.$client.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual(before)
})
