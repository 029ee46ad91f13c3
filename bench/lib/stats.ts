/** The p-th percentile (nearest rank) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return Number.NaN
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[rank] as number
}

/** Summary of a sample: p50, p95, p99 and max. */
export function summarize(values: number[]): {
	p50: number
	p95: number
	p99: number
	max: number
	n: number
} {
	const sorted = Float64Array.from(values).sort()
	return {
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
		n: sorted.length,
	}
}

/** Rounds for tables and JSON: 3 significant digits below 1, 2 decimals below 10, 1 below 100, else whole. */
export function round(value: number): number {
	if (!Number.isFinite(value)) return value
	const abs = Math.abs(value)
	if (abs > 0 && abs < 1) return Number(value.toPrecision(3))
	const digits = abs < 10 ? 2 : abs < 100 ? 1 : 0
	const factor = 10 ** digits
	return Math.round(value * factor) / factor
}
