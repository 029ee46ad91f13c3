import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { TextDescription } from '../sections/describe-text.server.ts'
import type { Connection } from './connection.server.ts'
import type { LoadedDoc } from './persistence.server.ts'
import { RoomPresence } from './presence.server.ts'
import { SuggestionCheck } from './suggestion-check.server.ts'
import { SyncReplies } from './sync-replies.server.ts'

/** An update applied in memory but not yet committed, with who sent it and when. */
export type UncommittedUpdate = { update: Uint8Array; origin: Connection | null; receivedAt: number }

/**
 * One loaded section: its document, presence, sockets, and the bookkeeping that keeps memory and
 * the database in step (`seq` of the last stored row, updates applied but not yet committed, and
 * replies held until they are).
 */
export class Room {
	readonly id: string
	readonly doc: Y.Doc
	readonly awareness: awarenessProtocol.Awareness
	/** Which connection speaks for which awareness client id, and the rule they follow. */
	readonly presence: RoomPresence
	readonly conns = new Set<Connection>()
	seq: number
	logRows: number
	logBytes: number
	snapshotBytes: number
	/** Applied, not yet committed: nothing that depends on them may be sent. */
	uncommitted: UncommittedUpdate[] = []
	/** Replies (sync step 2) held until `uncommitted` is committed. */
	heldReplies: Array<() => void> = []
	/** Answers to sync step 1, shared by the room's sockets until its next change. */
	readonly syncReplies = new SyncReplies()
	/** Judges updates from connections that may only suggest (a shadow while there are any). */
	readonly suggestions: SuggestionCheck
	/** Set when the text changed and word count / last edit should be written. */
	dirty: { at: number; by: string | null } | null = null
	/** Changes since the room's last version: when the first came, and who made them. */
	unversioned: { since: number; authors: Set<string> } | null = null
	/** Whether the text as loaded was compared with the newest version (once, for the first writer). */
	baselineChecked = false
	/**
	 * The text as loaded, encoded and described by the section-load worker, until the first change:
	 * the baseline version and a compaction before any change store it without encoding it here.
	 */
	loadedText: { state: Uint8Array; description: TextDescription | null } | null = null
	/** When a writer's leaving last stored a version (`Date.now()`; 0: never). */
	versionOnLeaveAt = 0
	unloadTimer: NodeJS.Timeout | null = null
	/** `performance.now()` of the last change: compaction waits for a quiet moment. */
	lastChangeAt = 0
	/** Set once the room is unloaded; late timers must leave it alone. */
	closed = false

	constructor(id: string, loaded: LoadedDoc) {
		this.id = id
		this.doc = loaded.doc
		this.seq = loaded.seq
		this.logRows = loaded.logRows
		this.logBytes = loaded.logBytes
		this.snapshotBytes = loaded.snapshotBytes
		this.awareness = new awarenessProtocol.Awareness(this.doc)
		// The server has no caret of its own.
		this.awareness.setLocalState(null)
		this.presence = new RoomPresence(this.awareness)
		this.suggestions = new SuggestionCheck(this.doc)
	}

	/** Stored size of the document (snapshot + log): what the size limit is checked against. */
	get storedBytes(): number {
		return this.snapshotBytes + this.logBytes
	}

	/** Runs `reply` now if nothing is uncommitted, else right after the commit. */
	whenCommitted(reply: () => void): void {
		if (this.uncommitted.length === 0) reply()
		else this.heldReplies.push(reply)
	}

	shouldCompact(compactAfterRows: number, minRowsForBytesRule: number): boolean {
		if (this.uncommitted.length > 0 || this.logRows === 0) return false
		return (
			this.logRows > compactAfterRows ||
			(this.logRows >= minRowsForBytesRule && this.logBytes > this.snapshotBytes)
		)
	}

	destroy(): void {
		this.closed = true
		if (this.unloadTimer) clearTimeout(this.unloadTimer)
		this.awareness.destroy()
		this.suggestions.release()
		this.doc.destroy()
	}
}
