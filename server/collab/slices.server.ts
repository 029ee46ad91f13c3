/**
 * Spreads a periodic pass over many items across several timer ticks: each `take` hands out the
 * next share, and a new pass starts (from a fresh list) once the last share is out. With a
 * thousand open sections, a whole pass at once stalled every socket for hundreds of milliseconds;
 * a share of it at a time (`LIMITS.backgroundSlices`) does not.
 */
export class Slices<T> {
	readonly #slices: number
	#queue: T[] = []
	#perSlice = 0

	constructor(slices: number) {
		this.#slices = slices
	}

	/** The next share of the current pass; `all` is read when a new pass starts. */
	take(all: () => Iterable<T>): T[] {
		if (this.#queue.length === 0) {
			this.#queue = [...all()]
			this.#perSlice = Math.ceil(this.#queue.length / this.#slices)
		}
		return this.#queue.splice(0, this.#perSlice)
	}
}
