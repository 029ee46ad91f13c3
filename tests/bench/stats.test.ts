import { describe, expect, test } from 'vitest'
import { percentile, round } from '../../bench/lib/stats.ts'
import { p99Chart } from '../../bench/lib/svg-chart.ts'
import type { FanoutResult } from '../../bench/load/fanout-types.ts'

describe('bench statistics', () => {
	test('percentiles are nearest-rank over sorted values', () => {
		const values = Float64Array.from({ length: 100 }, (_, i) => i + 1)
		expect(percentile(values, 50)).toBe(50)
		expect(percentile(values, 99)).toBe(99)
		expect(percentile(values, 100)).toBe(100)
		expect(percentile(new Float64Array(), 99)).toBeNaN()
	})

	test('rounding keeps small ratios readable', () => {
		expect(round(0.000609)).toBe(0.000609)
		expect(round(4.56789)).toBe(4.57)
		expect(round(1234.5)).toBe(1235)
	})

	test('the chart draws one line per server and marks the 50 ms line', () => {
		const row = (label: string, editors: number, p99: number) =>
			({ label, editors, viewers: 0, p99, valid: true }) as FanoutResult
		const svg = p99Chart([
			row('convene', 10, 3),
			row('convene', 50, 5),
			row('relay', 10, 1),
			row('relay', 50, 2),
		])
		expect(svg.match(/<path /g)).toHaveLength(2)
		expect(svg).toContain('50 ms')
		expect(svg).toContain('<title id="title">')
	})
})
