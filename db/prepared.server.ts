import type { Db } from './client.server.ts'

/**
 * A query built once per database and then only run, with its values given as placeholders
 * (`sql.placeholder('name')`). Drizzle rebuilds a query's SQL on every call, which cost a fifth of
 * a dashboard request; the queries every page makes (session, task force, membership) are built
 * this way. Use it with `Db` only: a prepared query runs on the connection it was built for, which
 * is also the one a transaction uses.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
	const byDatabase = new WeakMap<Db, T>()
	return (db) => {
		let query = byDatabase.get(db)
		if (query === undefined) {
			query = build(db)
			byDatabase.set(db, query)
		}
		return query
	}
}

/**
 * Like `preparedQuery`, for a family of queries that differ in shape (which conditions they have),
 * not only in values: one query per database and key, built the first time that key is asked for.
 * Keys must come from a small fixed set (e.g. which filters are on), never from user input.
 */
export function preparedQueryByKey<T>(build: (db: Db, key: string) => T): (db: Db, key: string) => T {
	const byDatabase = new WeakMap<Db, Map<string, T>>()
	return (db, key) => {
		let queries = byDatabase.get(db)
		if (queries === undefined) {
			queries = new Map()
			byDatabase.set(db, queries)
		}
		let query = queries.get(key)
		if (query === undefined) {
			query = build(db, key)
			queries.set(key, query)
		}
		return query
	}
}
