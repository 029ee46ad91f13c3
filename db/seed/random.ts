import { encodeId } from '../ids.ts'

/**
 * A small seeded generator (mulberry32) so the demo is the same on every machine and every run:
 * the same people in the same subcommittees, the same ids.
 */
export function createRandom(seed: number) {
	let state = seed >>> 0
	function next(): number {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
	}
	return {
		next,
		int(min: number, max: number): number {
			return min + Math.floor(next() * (max - min + 1))
		},
		pick<T>(items: readonly T[]): T {
			const item = items[Math.floor(next() * items.length)]
			if (item === undefined) throw new Error('pick from an empty list')
			return item
		},
		shuffle<T>(items: readonly T[]): T[] {
			const copy = [...items]
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1))
				;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
			}
			return copy
		},
		id(): string {
			const bytes = new Uint8Array(16)
			for (let i = 0; i < 16; i++) bytes[i] = Math.floor(next() * 256)
			return encodeId(bytes)
		},
	}
}

export type Random = ReturnType<typeof createRandom>
