import type * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import type { Logger } from '../logger.server.ts'
import { textDigest } from '../sections/describe-text.server.ts'
import {
	type EncodedText,
	latestVersionDigest,
	storeSectionVersion,
} from '../sections/section-versions.server.ts'
import { VersionPartsWriter } from '../sections/version-parts.server.ts'
import { LIMITS } from './limits.server.ts'
import type { Room } from './room.server.ts'
import type { SectionEncoded } from './section-load-worker.server.ts'

export const AUTOMATIC_LABEL = 'Saved automatically'
export const BASELINE_LABEL = 'As it was when editing began'

/** What a version records besides its text. */
type VersionFacts = { sectionId: string; seq: number; label: string; authors: Iterable<string>; now: number }

type Changes = NonNullable<Room['unversioned']>

/** Both sets of changes as one (either may be missing). */
function joined(earlier: Changes | null | undefined, later: Changes | null): Changes | null {
	if (!earlier || !later) return earlier ?? later
	return { since: earlier.since, authors: new Set([...earlier.authors, ...later.authors]) }
}

/**
 * Keeps automatic versions of the sections being written, so a writer's accidental damage can be
 * undone: the text as it stood when the first writer opened it (unless a version already holds
 * it), then the changed text at most every `versionEveryMs` while it changes, when its last writer
 * leaves, when it unloads and when the server stops. Each version names who changed the text since
 * the one before. Saving never throws: the text itself is already stored.
 *
 * A large section's text (stored in `offThreadLoadBytes` or more) is not encoded here: its baseline
 * comes encoded from the worker that loaded it, and a later version is read, encoded and described
 * by that worker from what is stored (16 MB took this thread ~1.1 s to encode). A large state is
 * written in parts over several turns (ADR 014).
 */
export class VersionKeeper {
	readonly #db: Db
	readonly #logger: Logger
	readonly #flush: () => void
	readonly #now: () => number
	readonly #parts: VersionPartsWriter
	readonly #encodeStored: (sectionId: string) => Promise<SectionEncoded> | null
	/** Changes whose version the worker is encoding, by room (kept at once if the server stops). */
	readonly #inWorker = new Map<Room, Changes>()

	/**
	 * `flush` commits what is applied but not stored, so a version never holds uncommitted text;
	 * `encodeStored` asks the section-load worker for a section's stored text (null: no worker).
	 */
	constructor(options: {
		db: Db
		logger: Logger
		flush: () => void
		encodeStored?: (sectionId: string) => Promise<SectionEncoded> | null
		now?: () => number
	}) {
		this.#db = options.db
		this.#logger = options.logger
		this.#flush = options.flush
		this.#encodeStored = options.encodeStored ?? (() => null)
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
		this.#guard(room.id, () => {
			// An empty section has nothing to lose; a section changed before a writer joined (a
			// restore) has its own before-restore version.
			if (room.unversioned || room.doc.getXmlFragment(FRAGMENT_NAME).length === 0) return
			const encoded = loaded?.description ? { state: loaded.state, description: loaded.description } : null
			const digest = encoded?.description.digest ?? textDigest(room.doc)
			if (latestVersionDigest(this.#db, room.id) === digest) return
			const facts = {
				sectionId: room.id,
				seq: room.seq,
				label: BASELINE_LABEL,
				authors: [],
				now: this.#now(),
			}
			if (encoded) this.#storeEncoded(facts, encoded)
			else this.#store(facts, room.doc)
		})
	}

	/** Writes what is left of the versions being written in parts (the server is stopping). */
	finishPending(): void {
		this.#parts.finishAll()
	}

	/**
	 * The last writer left: keep what they changed — at most once a minute per room, since a
	 * version costs a walk of the whole text and leaving is cheap to repeat; what is skipped is
	 * kept by the next pass or when the section unloads.
	 */
	writerLeft(room: Room): void {
		const now = this.#now()
		if (now - room.versionOnLeaveAt < LIMITS.versionOnLeaveGapMs) return
		room.versionOnLeaveAt = now
		this.save(room)
	}

	/**
	 * Keeps a version of the room's text if it changed since the last one (and reads differently).
	 * `now` (the server is stopping): encoded here and stored before this returns, including changes
	 * whose version the worker was still encoding.
	 */
	save(room: Room, options: { now?: boolean } = {}): void {
		const changes = options.now ? joined(this.#inWorker.get(room), room.unversioned) : room.unversioned
		if (!changes || room.closed) return
		this.#guard(room.id, () => {
			this.#flush()
			if (room.closed) return
			room.unversioned = null
			const facts = { sectionId: room.id, label: AUTOMATIC_LABEL, authors: changes.authors, now: this.#now() }
			const encoding =
				options.now || room.storedBytes < LIMITS.offThreadLoadBytes ? null : this.#encodeStored(room.id)
			if (encoding) {
				const inFlight = joined(this.#inWorker.get(room), changes) as Changes
				this.#inWorker.set(room, inFlight)
				void this.#storeFromWorker(facts, encoding).finally(() => {
					if (this.#inWorker.get(room) === inFlight) this.#inWorker.delete(room)
				})
				return
			}
			this.#inWorker.delete(room)
			if (latestVersionDigest(this.#db, room.id) === textDigest(room.doc)) return
			this.#store({ ...facts, seq: room.seq }, room.doc)
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

	/** The worker's reading of the stored text, kept unless the newest version reads the same. */
	async #storeFromWorker(facts: Omit<VersionFacts, 'seq'>, encoding: Promise<SectionEncoded>): Promise<void> {
		let read: SectionEncoded
		try {
			read = await encoding
		} catch (error) {
			this.#logger.warn(
				{ err: error, section: facts.sectionId },
				'could not keep a version; the text is stored',
			)
			return
		}
		const { state, description, seq } = read
		if (!description) {
			this.#logger.warn(
				{ section: facts.sectionId },
				'could not describe the text for a version; the text is stored',
			)
			return
		}
		this.#guard(facts.sectionId, () => {
			if (latestVersionDigest(this.#db, facts.sectionId) === description.digest) return
			this.#storeEncoded({ ...facts, seq }, { state, description })
		})
	}

	/** Stores a version of text already encoded: in parts over the next turns when it is large. */
	#storeEncoded(facts: VersionFacts, encoded: EncodedText): void {
		if (!this.#parts.wants(encoded.state)) {
			this.#db.transaction((tx) => storeSectionVersion(tx, { ...this.#fields(facts), encoded }))
			return
		}
		const id = createId()
		this.#parts.write(id, encoded.state, (tx, parts) => {
			storeSectionVersion(tx, { ...this.#fields(facts), encoded, storedInParts: { id, parts } })
		})
	}

	/** Stores a version of `doc`, encoded and described here. */
	#store(facts: VersionFacts, doc: Y.Doc): void {
		this.#db.transaction((tx) => storeSectionVersion(tx, { ...this.#fields(facts), doc }))
	}

	#fields(facts: VersionFacts) {
		return { ...facts, kind: 'auto' as const, actorId: null }
	}

	#guard(sectionId: string, work: () => void): void {
		try {
			work()
		} catch (error) {
			this.#logger.warn({ err: error, section: sectionId }, 'could not keep a version; the text is stored')
		}
	}
}
