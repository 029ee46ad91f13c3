/**
 * Limits of the collaboration server. Each bounds what one connection can make the process do,
 * so no input can exhaust memory or the event loop.
 */
export const LIMITS = {
	/** Largest WebSocket message accepted (ws `maxPayload`): a first sync of a large section fits. */
	maxMessageBytes: 24 * 1024 * 1024,
	/** Largest a section's stored state may grow (snapshot + log), roughly 30 books of text. */
	maxDocumentBytes: 32 * 1024 * 1024,
	/** Awareness (presence, caret) messages are small; anything bigger is not presence. */
	maxAwarenessBytes: 16 * 1024,
	/**
	 * What one presence state may hold besides the person (which the server writes): the editor's
	 * cursor is two relative positions, a few hundred characters.
	 */
	maxPresenceFieldsChars: 2_048,
	/** Token bucket per connection: sustained messages per second and burst. */
	messagesPerSecond: 100,
	messageBurst: 400,
	/**
	 * Sync work a connection may ask for: its first answer goes out whatever its size (a new tab
	 * needs the whole section); after that, answers to its step 1s count against this many bytes a
	 * second, with this burst. An editor's save probes and heartbeats are answered in a few kB; a
	 * socket asking for a large section again and again is closed (4429) within a few answers.
	 */
	syncReplyBytesPerSecond: 1024 * 1024,
	syncReplyBurstBytes: 4 * 1024 * 1024,
	/**
	 * A client lacking more than this share of a document's content gets the whole state (encoded
	 * once per change, shared) rather than a diff of its own: such a diff costs nearly a full encode.
	 */
	syncDiffMaxShare: 0.1,
	/** Diffs remembered per room until its next change, for a question asked again (bytes, key size). */
	syncDiffCacheBytes: 1024 * 1024,
	syncDiffCacheKeyChars: 4096,
	/**
	 * Collaboration sockets one browser session, one person (all their sessions) and one address may
	 * hold at once. A person has a few tabs open, not thousands; an address may be an office behind
	 * one NAT (or every user, behind a reverse proxy: raise it there).
	 */
	/**
	 * Sections stored in at least this many bytes (snapshot + log) are loaded by the section-load
	 * worker and built here in slices of `loadSliceStructs` structs (~1–5 ms each; 4,000 let the
	 * transaction cleanup grow past 30 ms a slice). Smaller ones load at once: 64 kB in ~15 ms.
	 */
	offThreadLoadBytes: 64 * 1024,
	loadSliceStructs: 1_000,
	socketsPerSession: 10,
	socketsPerPerson: 20,
	socketsPerAddress: 500,
	/**
	 * All collaboration sockets together stay at most this share of the process's file-descriptor
	 * limit (`ulimit -n`) and `fdReserve` below it; when the limit cannot be read, `assumedFileLimit`.
	 */
	collabShareOfFds: 0.75,
	fdReserve: 256,
	minCollabSockets: 64,
	assumedFileLimit: 1024,
	/** Past this much unsent data a socket is closed (the client resyncs losslessly on reconnect). */
	maxBufferedBytes: 8 * 1024 * 1024,
	/** Yjs clocks beyond this are not produced by any real editing session (yjs #687-style input). */
	maxClock: 2 ** 31,
	keepaliveMs: 15_000,
	/** How often open connections are re-decided against the policy. */
	accessRecheckMs: 2_000,
	/**
	 * Periodic passes over all open rooms (keepalive, access re-check, word counts) run in this many
	 * slices: with 1,000 open sections, a tenth of the re-check at once still held the loop ~25 ms.
	 */
	backgroundSlices: 40,
	/** Word count and last edit are written at most this often per section. */
	derivedWriteMs: 5_000,
	/**
	 * Automatic versions (`version-keeper.server.ts`): a changing section gets one at most this often
	 * (and when its last writer leaves, or it unloads); storing one for a section of a few pages
	 * (12 kB) takes the loop 1–3 ms; a large one (past `offThreadLoadBytes`) is encoded by the
	 * section-load worker instead (16 MB: ~1.1 s that the loop no longer spends). Due rooms are
	 * looked at every `versionSweepMs`, spending at most `versionSweepBudgetMs` of the loop per look.
	 */
	versionEveryMs: 10 * 60 * 1000,
	versionSweepMs: 30_000,
	versionSweepBudgetMs: 20,
	/** A version's state larger than this is written in parts of this size, one per turn. */
	versionPartBytes: 256 * 1024,
	/** A last writer's leaving stores a version at most this often per room (the rest: pass, unload). */
	versionOnLeaveGapMs: 60_000,
	/** A document stays loaded this long after its last client leaves. */
	unloadAfterMs: 30_000,
	/** Compaction thresholds (docs/design/collaboration-protocol.md): log rows, or log bytes past the snapshot's. */
	compactAfterRows: 500,
	compactMinRowsForBytesRule: 20,
	/** A due room compacts once nobody has changed it for this long (compaction is not free). */
	compactQuietMs: 1_000,
	/** …or at once past this many log rows, quiet or not, so the log stays bounded. */
	compactForceRows: 5_000,
	/** How often due rooms are looked at, and how long one look may spend compacting. */
	compactSweepMs: 1_000,
	compactSweepBudgetMs: 20,
	/** A new snapshot this large is checked (loaded back) in a worker thread, not on the event loop. */
	compactInWorkerBytes: 256 * 1024,
}

/** A token bucket: `take()` is false once the connection sends faster than allowed. */
export class TokenBucket {
	#tokens: number
	#last: number
	constructor(
		readonly perSecond: number,
		readonly burst: number,
		now = Date.now(),
	) {
		this.#tokens = burst
		this.#last = now
	}
	/** Takes `cost` tokens (one message, or a number of bytes); false when there are not that many. */
	take(now = Date.now(), cost = 1): boolean {
		this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond)
		this.#last = now
		if (this.#tokens < cost) return false
		this.#tokens -= cost
		return true
	}
}
