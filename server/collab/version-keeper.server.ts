import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import type { Logger } from '../logger.server.ts'
import { type TextDescription, textDigest } from '../sections/describe-text.server.ts'
import { latestVersionDigest, storeSectionVersion } from '../sections/section-versions.server.ts'
import { VersionPartsWriter } from '../sections/version-parts.server.ts'
import { LIMITS } from './limits.server.ts'
import type { Room } from './room.server.ts'

export const AUTOMATIC_LABEL = 'Saved automatically'
export const BASELINE_LABEL = 'As it was when editing began'

/**
 * Keeps automatic versions of the sections being written, so a writer's accidental damage can be
 * undone: the text as it stood when the first writer opened it (unless a version already holds
 * it), then the changed text at most every `versionEveryMs` while it changes, when its last writer
 * leaves, when it unloads and when the server stops. Each version names who changed the text since
 * the one before. Saving never throws: the text itself is already stored. A large section's
 * baseline, already encoded by the worker that loaded it, is written in parts over several turns.
 */
export class VersionKeeper {
	readonly #db: Db
	readonly #logger: Logger
	readonly #flush: () => void
	readonly #now: () => number
	readonly #parts: VersionPartsWriter

	/** `flush` commits what is applied but not stored, so a version never holds uncommitted text. */
	constructor(options: { db: Db; logger: Logger; flush: () => void; now?: () => number }) {
		this.#db = options.db
		this.#logger = options.logger
		this.#flush = options.flush
		this.#now = options.now ?? Date.now
		this.#parts = new VersionPartsWriter({
			db: options.db,
			logger: options.logger,
			partBytes: LIMITS.versionPartBytes,
		})
	}

	/** A writer opened the section: the first time per load, keep its text if no version holds it. */
	writerJoined(room: Room): void {
		if (room.baselineChecked) return
		room.baselineChecked = true
		const loaded = room.loadedText
		this.#guard(room, () => {
			// An empty section has nothing to lose; a section changed before a writer joined (a
			// restore) has its own before-restore version.
			if (room.unversioned || room.doc.getXmlFragment(FRAGMENT_NAME).length === 0) return
			const described = loaded?.description
				? { state: loaded.state, description: loaded.description }
				: undefined
			const digest = described?.description.digest ?? textDigest(room.doc)
			if (latestVersionDigest(this.#db, room.id) === digest) return
			if (described && this.#parts.wants(described.state)) this.#storeInParts(room, BASELINE_LABEL, described)
			else this.#store(room, BASELINE_LABEL, [], described)
		})
	}

	/** Writes what is left of the versions being written in parts (the server is stopping). */
	finishPending(): void {
		this.#parts.finishAll()
	}

	/**
	 * The last writer left: keep what they changed — at most once a minute per room, since a
	 * large section's version costs the loop a fraction of a second and leaving is cheap to repeat;
	 * what is skipped is kept by the next pass or when the section unloads.
	 */
	writerLeft(room: Room): void {
		const now = this.#now()
		if (now - room.versionOnLeaveAt < LIMITS.versionOnLeaveGapMs) return
		room.versionOnLeaveAt = now
		this.save(room)
	}

	/** Keeps a version of the room's text if it changed since the last one (and reads differently). */
	save(room: Room): void {
		const changes = room.unversioned
		if (!changes || room.closed) return
		this.#guard(room, () => {
			this.#flush()
			if (room.closed) return
			room.unversioned = null
			if (latestVersionDigest(this.#db, room.id) === textDigest(room.doc)) return
			this.#store(room, AUTOMATIC_LABEL, changes.authors)
		})
	}

	/**
	 * The periodic pass: rooms changing for `versionEveryMs` or longer get a version, as many as fit
	 * in `versionSweepBudgetMs` (the rest on the next pass).
	 */
	sweep(rooms: Iterable<Room>): void {
		const started = performance.now()
		const now = this.#now()
		for (const room of rooms) {
			if (performance.now() - started > LIMITS.versionSweepBudgetMs) return
			if (room.unversioned && now - room.unversioned.since >= LIMITS.versionEveryMs) this.save(room)
		}
	}

	/** `encoded`: the room's text already encoded and described (as loaded, unchanged since). */
	#store(
		room: Room,
		label: string,
		authors: Iterable<string>,
		encoded?: { state: Uint8Array; description: TextDescription },
	): void {
		this.#db.transaction((tx) => {
			storeSectionVersion(tx, {
				sectionId: room.id,
				kind: 'auto',
				label,
				doc: room.doc,
				seq: room.seq,
				actorId: null,
				authors,
				now: this.#now(),
				...(encoded ? { encoded } : {}),
			})
		})
	}

	/** `#store`, with the state written in parts over the next turns (the text as it is now). */
	#storeInParts(
		room: Room,
		label: string,
		encoded: { state: Uint8Array; description: TextDescription },
	): void {
		const id = createId()
		const version = { sectionId: room.id, seq: room.seq, now: this.#now() }
		this.#parts.write(id, encoded.state, (tx, parts) => {
			storeSectionVersion(tx, {
				...version,
				kind: 'auto',
				label,
				doc: room.doc,
				actorId: null,
				authors: [],
				encoded,
				storedInParts: { id, parts },
			})
		})
	}

	#guard(room: Room, work: () => void): void {
		try {
			work()
		} catch (error) {
			this.#logger.warn({ err: error, section: room.id }, 'could not keep a version; the text is stored')
		}
	}
}
