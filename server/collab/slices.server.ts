/**
 * Spreads a periodic pass over many items across several timer ticks: each `take` hands out the
 * next share, and a pass always spans `slices` ticks, so each item comes round once per period
 * however few there are (a pass that ended early used to start again at once: one open section
 * was re-checked and word-counted on every tick). With a thousand open sections, a whole pass at
 * once stalled every socket for hundreds of milliseconds; a share of it at a time
 * (`LIMITS.backgroundSlices`) does not. A new pass starts from the items open at that moment.
 */
export class Slices<T> {
	readonly #slices: number
	#queue: T[] = []
	#perSlice = 0
	#ticksLeft = 0

	constructor(slices: number) {
		this.#slices = slices
	}

	/** The next share of the current pass; `all` is read when a new pass starts. */
	take(all: () => Iterable<T>): T[] {
		if (this.#ticksLeft === 0) {
			this.#queue = [...all()]
			this.#perSlice = Math.ceil(this.#queue.length / this.#slices)
			this.#ticksLeft = this.#slices
		}
		this.#ticksLeft--
		return this.#queue.splice(0, this.#perSlice)
	}
}
