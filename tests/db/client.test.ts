import { expect, test } from 'vitest'
import { createTempDatabase } from '../support/temp-database.ts'

test('the connection reuses a compiled statement for the same SQL', () => {
	const sqlite = createTempDatabase({ migrate: false }).db.$client
	expect(sqlite.prepare('select 1 as one')).toBe(sqlite.prepare('select 1 as one'))
	expect(sqlite.prepare('select 2 as two')).not.toBe(sqlite.prepare('select 1 as one'))
})

test('a statement left in raw mode by one query returns rows as objects to the next', () => {
	const sqlite = createTempDatabase({ migrate: false }).db.$client
	expect(sqlite.prepare('select 1 as one').raw().get()).toEqual([1])
	expect(sqlite.prepare('select 1 as one').get()).toEqual({ one: 1 })
})

test('writes still run through reused statements', () => {
	const sqlite = createTempDatabase({ migrate: false }).db.$client
	sqlite.exec('create table notes (body text)')
	for (const body of ['first', 'second']) sqlite.prepare('insert into notes (body) values (?)').run(body)
	expect(sqlite.prepare('select body from notes order by rowid').all()).toEqual([
		{ body: 'first' },
		{ body: 'second' },
	])
})
