import type { Queryable } from '#db/client.server.ts'
import { extractText } from '#shared/collab/text.ts'
import { WindowCounter } from '../auth/window-counter.server.ts'
import { lastStoredSeq, loadStoredDocument, versionDocument } from './section-versions.server.ts'
import { diffTexts, type TextDiff } from './version-diff.server.ts'

export type VersionComparison = { diff: TextDiff; pastText: string }

/** Why a comparison was not made now, and when to ask again. */
export type ComparisonRefusal = { refused: 'person' | 'everyone'; retryAfterSeconds: number }

export type ComparisonLimits = {
	/** Characters (current text + version text) one person may have compared per window. */
	charsPerPerson: number
	/** Characters all comparisons together may take per window. */
	charsInAll: number
	windowMs: number
	/** Characters of answers kept for repeated questions. */
	cacheChars: number
	/** Comparisons that may wait for their turn; past this the page asks to try again shortly. */
	maxWaiting: number
}

const DEFAULT_LIMITS: ComparisonLimits = {
	charsPerPerson: 8_000_000,
	charsInAll: 64_000_000,
	windowMs: 60_000,
	cacheChars: 32_000_000,
	maxWaiting: 20,
}

/**
 * Compares versions with a section's current text, for the compare page. Each comparison decodes two
 * Yjs states and diffs their text: for a 9 MB section that is about half a second of the event loop,
 * so without a bound any member could hold the server by asking for compare pages in a loop.
 *
 * - An answer is kept for the same version and the same stored state (`seq`): asking again costs
 *   nothing, however often, until the text changes.
 * - New comparisons are charged by the characters compared, per person and in all, per minute; past
 *   either budget the page says when to try again (an ordinary section is a few thousand characters,
 *   so people comparing by hand never meet it).
 * - Comparisons run one at a time, so a burst of them queues rather than stacking up in memory.
 */
export function createVersionComparisons(
	limits: ComparisonLimits = DEFAULT_LIMITS,
	clock = () => Date.now(),
) {
	const spent = new WindowCounter(limits.windowMs)
	const answers = new SizedCache<VersionComparison>(limits.cacheChars)
	let queue: Promise<unknown> = Promise.resolve()
	let waiting = 0

	function refusal(personId: string, now: number): ComparisonRefusal | null {
		const wait = (key: string) => Math.max(1, Math.ceil(spent.msUntilReset(key, now) / 1000))
		if (spent.count(`person:${personId}`, now) >= limits.charsPerPerson)
			return { refused: 'person', retryAfterSeconds: wait(`person:${personId}`) }
		if (spent.count('all', now) >= limits.charsInAll)
			return { refused: 'everyone', retryAfterSeconds: wait('all') }
		return null
	}

	async function computed(db: Queryable, sectionId: string, versionId: string, personId: string) {
		const current = loadStoredDocument(db, sectionId)
		const past = versionDocument(db, versionId)
		const currentText = extractText(current)
		const pastText = past ? extractText(past) : ''
		current.destroy()
		past?.destroy()
		const chars = currentText.length + pastText.length
		const now = clock()
		spent.add(`person:${personId}`, now, chars)
		spent.add('all', now, chars)
		return { diff: await diffTexts(pastText, currentText), pastText }
	}

	return {
		/**
		 * The comparison of version `versionId` with the stored text of `sectionId` (the caller commits
		 * what is applied but not stored first), asked by `personId`; or why not now.
		 */
		async compare(
			db: Queryable,
			sectionId: string,
			versionId: string,
			personId: string,
		): Promise<VersionComparison | ComparisonRefusal> {
			const known = answers.get(`${versionId}@${lastStoredSeq(db, sectionId)}`)
			if (known) return known
			if (waiting >= limits.maxWaiting) return { refused: 'everyone', retryAfterSeconds: 5 }
			waiting += 1
			const turn = queue.then(async (): Promise<VersionComparison | ComparisonRefusal> => {
				waiting -= 1
				// Decided in turn: budgets charged by the comparisons queued before this one count.
				const key = `${versionId}@${lastStoredSeq(db, sectionId)}`
				const cached = answers.get(key)
				if (cached) return cached
				const refused = refusal(personId, clock())
				if (refused) return refused
				const answer = await computed(db, sectionId, versionId, personId)
				answers.set(key, answer, comparisonChars(answer))
				return answer
			})
			queue = turn.catch(() => {})
			return turn
		},
	}
}

export type VersionComparisons = ReturnType<typeof createVersionComparisons>

function comparisonChars(answer: VersionComparison): number {
	const diffChars = answer.diff.comparable
		? answer.diff.parts.reduce((sum, part) => sum + part.text.length, 0)
		: 0
	return diffChars + answer.pastText.length
}

/** Least recently used entries go first once the sizes together pass `capacity`. */
class SizedCache<V> {
	readonly #entries = new Map<string, { value: V; size: number }>()
	readonly #capacity: number
	#size = 0

	constructor(capacity: number) {
		this.#capacity = capacity
	}

	get(key: string): V | undefined {
		const entry = this.#entries.get(key)
		if (!entry) return undefined
		this.#entries.delete(key)
		this.#entries.set(key, entry)
		return entry.value
	}

	set(key: string, value: V, size: number): void {
		if (size > this.#capacity) return
		const old = this.#entries.get(key)
		if (old) {
			this.#entries.delete(key)
			this.#size -= old.size
		}
		this.#entries.set(key, { value, size })
		this.#size += size
		for (const [oldest, entry] of this.#entries) {
			if (this.#size <= this.#capacity) break
			this.#entries.delete(oldest)
			this.#size -= entry.size
		}
	}
}
