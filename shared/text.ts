/** Small helpers for writing numbers into sentences the same way on every page. */

const NUMBER = new Intl.NumberFormat('en-US')

/** "1,500": a count with thousands separators. */
export function formatNumber(n: number): string {
	return NUMBER.format(n)
}

/** "1 member", "12 members"; pass the plural when adding "s" is wrong ("person", "people"). */
export function plural(n: number, word: string, words = `${word}s`): string {
	return `${formatNumber(n)} ${Math.abs(n) === 1 ? word : words}`
}
