import type BetterSqlite3 from 'better-sqlite3'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'

export type LoadedDoc = {
	doc: Y.Doc
	/** The last log row folded into `doc`. */
	seq: number
	logRows: number
	logBytes: number
	snapshotBytes: number
}

export type PendingUpdate = { docId: string; seq: number; update: Uint8Array; userId: string | null }

/**
 * The collaboration log on SQLite: `doc_snapshots` (compacted state) plus `doc_updates` (every
 * update since, append-only). Prepared statements, synchronous, so "committed" means the
 * transaction has returned.
 */
export class DocStore {
	readonly #db: Db
	readonly #reader: StoredDocReader
	readonly #insert
	readonly #upsertSnapshot
	readonly #deleteFolded
	readonly #derived
	readonly #sectionExists

	constructor(db: Db) {
		this.#db = db
		const sqlite = db.$client
		this.#reader = new StoredDocReader(sqlite)
		this.#insert = sqlite.prepare<[string, number, Uint8Array, string | null, number]>(
			'insert into doc_updates (doc_id, seq, data, user_id, at) values (?, ?, ?, ?, ?)',
		)
		this.#upsertSnapshot = sqlite.prepare<[string, Uint8Array, number, number]>(
			`insert into doc_snapshots (doc_id, state, seq, updated_at) values (?, ?, ?, ?)
			 on conflict (doc_id) do update set state = excluded.state, seq = excluded.seq, updated_at = excluded.updated_at
			 where excluded.seq > doc_snapshots.seq`,
		)
		this.#deleteFolded = sqlite.prepare<[string, number]>(
			'delete from doc_updates where doc_id = ? and seq <= ?',
		)
		this.#derived = sqlite.prepare<[number, number, number, string | null, string]>(
			'update sections set word_count = ?, open_suggestions = ?, last_edited_at = ?, last_edited_by = ? where id = ?',
		)
		this.#sectionExists = sqlite.prepare<[string], { id: string }>('select id from sections where id = ?')
	}

	/** Whether a section with this id exists (the room name is the section id). */
	exists(docId: string): boolean {
		return this.#sectionExists.get(docId) !== undefined
	}

	/** The document as stored (`StoredDocReader.load`). Throws on damaged data. */
	load(docId: string): LoadedDoc {
		return this.#reader.load(docId)
	}

	/** Bytes stored for a section (snapshot + log): what its load will cost. */
	storedBytes(docId: string): number {
		return this.#reader.storedBytes(docId)
	}

	/** The database file, for a second connection elsewhere (a worker); null when in memory. */
	get file(): string | null {
		const name = this.#db.$client.name
		return this.#db.$client.memory || name === '' ? null : name
	}

	/** Appends updates (of any documents) in one transaction: all are committed when this returns. */
	append(updates: readonly PendingUpdate[], at: number): void {
		if (updates.length === 0) return
		this.#db.$client.transaction(() => {
			for (const entry of updates) this.#insert.run(entry.docId, entry.seq, entry.update, entry.userId, at)
		})()
	}

	/**
	 * Replaces the snapshot with `state` (which folds every row up to `seq`) and drops those rows. A
	 * snapshot never moves back: one that folds less than the stored one (a check that finished
	 * late) leaves it as it is, and the rows it would drop are already folded into it.
	 */
	compact(docId: string, state: Uint8Array, seq: number, at: number): void {
		this.#db.$client.transaction(() => {
			this.#upsertSnapshot.run(docId, state, seq, at)
			this.#deleteFolded.run(docId, seq)
		})()
	}

	/** Runs `work` in one transaction (several derived writes, one commit). */
	inTransaction(work: () => void): void {
		this.#db.$client.transaction(work)()
	}

	/** Word count and last edit for dashboards. */
	writeDerived(
		docId: string,
		counts: { words: number; suggestions: number },
		lastEditedAt: number,
		lastEditedBy: string | null,
	): void {
		this.#derived.run(counts.words, counts.suggestions, lastEditedAt, lastEditedBy, docId)
	}
}

/**
 * Reads sections' stored text on one SQLite connection: the server's own (`DocStore`), or the
 * section-load worker's read-only one.
 */
export class StoredDocReader {
	readonly #sqlite: BetterSqlite3.Database
	readonly #snapshot
	readonly #updates
	readonly #size

	constructor(sqlite: BetterSqlite3.Database) {
		this.#sqlite = sqlite
		this.#snapshot = sqlite.prepare<[string], { state: Buffer; seq: number }>(
			'select state, seq from doc_snapshots where doc_id = ?',
		)
		this.#updates = sqlite.prepare<[string, number], { seq: number; data: Buffer }>(
			'select seq, data from doc_updates where doc_id = ? and seq > ? order by seq',
		)
		this.#size = sqlite.prepare<[string, string], { bytes: number }>(
			`select coalesce((select length(state) from doc_snapshots where doc_id = ?), 0)
			      + coalesce((select sum(length(data)) from doc_updates where doc_id = ?), 0) as bytes`,
		)
	}

	/**
	 * The document as stored: snapshot, then every later log row, read in one transaction so a
	 * concurrent compaction cannot make rows vanish between the two reads. Throws on damaged data;
	 * the caller must then refuse the section rather than start from empty.
	 */
	load(docId: string): LoadedDoc {
		return this.#sqlite.transaction(() => {
			const doc = new Y.Doc({ gc: true })
			const snapshot = this.#snapshot.get(docId)
			let seq = snapshot?.seq ?? 0
			let logRows = 0
			let logBytes = 0
			// One Yjs transaction for the whole load: each applyUpdate on its own ends in a cleanup
			// pass (merging delete sets, garbage-collecting, merging structs), and a section being
			// edited has hundreds of log rows (20 kB and 300 rows: 2.6 → 0.9 ms to load, offline).
			doc.transact(() => {
				if (snapshot) Y.applyUpdate(doc, snapshot.state)
				for (const row of this.#updates.iterate(docId, seq)) {
					Y.applyUpdate(doc, row.data)
					seq = row.seq
					logRows++
					logBytes += row.data.byteLength
				}
			})
			return { doc, seq, logRows, logBytes, snapshotBytes: snapshot?.state.byteLength ?? 0 }
		})()
	}

	storedBytes(docId: string): number {
		return (this.#size.get(docId, docId) as { bytes: number }).bytes
	}
}
