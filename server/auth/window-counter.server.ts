/**
 * Counts per key in a fixed window: a key's count starts at its first hit and is forgotten
 * `windowMs` later. Synchronous, so "read the count, then add one" cannot interleave with another
 * request. Memory is bounded: past `maxKeys`, expired keys are swept and then the oldest dropped.
 */
export class WindowCounter {
	readonly #entries = new Map<string, { count: number; resetsAt: number }>()
	readonly #windowMs: number
	readonly #maxKeys: number

	constructor(windowMs: number, maxKeys = 100_000) {
		this.#windowMs = windowMs
		this.#maxKeys = maxKeys
	}

	/** The count of `key` at `now` (0 once its window has passed). */
	count(key: string, now: number): number {
		const entry = this.#entries.get(key)
		if (!entry || entry.resetsAt <= now) return 0
		return entry.count
	}

	/** Milliseconds until `key`'s count resets; 0 when it has none. */
	msUntilReset(key: string, now: number): number {
		const entry = this.#entries.get(key)
		return entry && entry.resetsAt > now ? entry.resetsAt - now : 0
	}

	/** Adds `amount` to `key` (a negative amount takes back a reservation) and returns the count. */
	add(key: string, now: number, amount = 1): number {
		let entry = this.#entries.get(key)
		if (!entry || entry.resetsAt <= now) {
			entry = { count: 0, resetsAt: now + this.#windowMs }
			this.#entries.delete(key)
			this.#entries.set(key, entry)
			if (this.#entries.size > this.#maxKeys) this.#evict(now)
		}
		entry.count = Math.max(0, entry.count + amount)
		return entry.count
	}

	clear(key: string): void {
		this.#entries.delete(key)
	}

	#evict(now: number): void {
		for (const [key, entry] of this.#entries) if (entry.resetsAt <= now) this.#entries.delete(key)
		// Still full: the oldest windows go first (a Map iterates in insertion order).
		for (const key of this.#entries.keys()) {
			if (this.#entries.size <= this.#maxKeys) break
			this.#entries.delete(key)
		}
	}
}
