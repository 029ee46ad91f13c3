import { asc, eq, notInArray } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import { sectionVersionParts, sectionVersions } from '#db/schema/index.ts'
import type { Logger } from '../logger.server.ts'

/**
 * Writes a large version's state in parts, one part per turn of the event loop, then the version
 * row with the last part in one transaction: a version is either whole or absent. SQLite writes a
 * 16 MB blob in 130–240 ms with its 4 KB pages (measured with better-sqlite3 alone), and that was
 * the longest stall left when a large section's first writer joined; a 256 kB part takes a few ms.
 */
export class VersionPartsWriter {
	readonly #db: Db
	readonly #logger: Logger
	readonly #partBytes: number
	readonly #pending = new Map<string, { next: () => boolean; timer: NodeJS.Immediate | null }>()

	/** Removes parts whose version was never stored (a write cut short when the server stopped). */
	constructor(options: { db: Db; logger: Logger; partBytes: number }) {
		this.#db = options.db
		this.#logger = options.logger
		this.#partBytes = options.partBytes
		const storedVersions = this.#db.select({ id: sectionVersions.id }).from(sectionVersions)
		this.#db
			.delete(sectionVersionParts)
			.where(notInArray(sectionVersionParts.versionId, storedVersions))
			.run()
	}

	/** Whether `state` is large enough to be written in parts. */
	wants(state: Uint8Array): boolean {
		return state.byteLength > this.#partBytes
	}

	/**
	 * Starts writing `state` as version `versionId`'s parts; with the last part, `storeVersion`
	 * stores the version row (with its part count) in the same transaction. Never throws: a write
	 * that fails is logged and its parts removed.
	 */
	write(versionId: string, state: Uint8Array, storeVersion: (tx: Queryable, parts: number) => void): void {
		const parts = Math.ceil(state.byteLength / this.#partBytes)
		let part = 0
		const next = (): boolean => {
			const bytes = Buffer.from(state.subarray(part * this.#partBytes, (part + 1) * this.#partBytes))
			this.#db.transaction((tx) => {
				tx.insert(sectionVersionParts).values({ versionId, part, bytes }).run()
				if (part === parts - 1) storeVersion(tx, parts)
			})
			part += 1
			return part < parts
		}
		const entry: { next: () => boolean; timer: NodeJS.Immediate | null } = { next, timer: null }
		const step = () => {
			entry.timer = null
			if (this.#run(versionId, next)) entry.timer = setImmediate(step)
		}
		this.#pending.set(versionId, entry)
		entry.timer = setImmediate(step)
	}

	/** Writes what is left of every pending version now (the server is stopping). */
	finishAll(): void {
		for (const [versionId, entry] of [...this.#pending]) {
			if (entry.timer) clearImmediate(entry.timer)
			while (this.#run(versionId, entry.next)) {}
		}
	}

	/** One part; whether more remain. A failure ends the write and removes its parts. */
	#run(versionId: string, next: () => boolean): boolean {
		try {
			if (next()) return true
		} catch (error) {
			this.#logger.warn({ err: error, version: versionId }, 'could not keep a version; the text is stored')
			try {
				this.#db.delete(sectionVersionParts).where(eq(sectionVersionParts.versionId, versionId)).run()
			} catch {
				// The database is closing: the next start removes them.
			}
		}
		this.#pending.delete(versionId)
		return false
	}
}

/** A stored version's state, whole (from its row, or joined from its parts); null if none. */
export function versionState(db: Queryable, versionId: string): Uint8Array | null {
	const row = db
		.select({ state: sectionVersions.state, parts: sectionVersions.parts })
		.from(sectionVersions)
		.where(eq(sectionVersions.id, versionId))
		.get()
	if (!row) return null
	if (row.parts === 0) return row.state
	const parts = db
		.select({ bytes: sectionVersionParts.bytes })
		.from(sectionVersionParts)
		.where(eq(sectionVersionParts.versionId, versionId))
		.orderBy(asc(sectionVersionParts.part))
		.all()
	if (parts.length !== row.parts)
		throw new Error(`version ${versionId} has ${parts.length} of its ${row.parts} parts`)
	return Buffer.concat(parts.map((part) => part.bytes))
}
