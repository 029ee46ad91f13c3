import type { FanoutResult } from '../load/fanout-types.ts'

const SERIES: Array<{ label: string; name: string; color: string; dash: string }> = [
	{ label: 'convene', name: 'Convene', color: '#1f5fbf', dash: '' },
	{ label: 'reference', name: 'y-websocket reference', color: '#b35900', dash: '6 3' },
	{ label: 'hocuspocus', name: 'Hocuspocus + SQLite', color: '#6b3fa0', dash: '2 3' },
	{ label: 'relay', name: 'raw relay', color: '#3a7d44', dash: '10 3 2 3' },
]

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/**
 * A line chart of p99 latency (log scale) against editors, one line per server, solid markers
 * without viewers and hollow ones with 400 viewers. Plain SVG, readable without colour: each
 * server also has its own dash pattern and a label at the end of its line.
 */
export function p99Chart(rows: FanoutResult[]): string {
	const width = 820
	const height = 420
	const left = 70
	const right = 230
	const top = 40
	const bottom = 60
	const editors = [...new Set(rows.map((row) => row.editors))].sort((a, b) => a - b)
	const values = rows.map((row) => row.p99).filter((v) => Number.isFinite(v) && v > 0)
	const minLog = Math.floor(Math.log10(Math.max(0.1, Math.min(...values))))
	const maxLog = Math.ceil(Math.log10(Math.max(...values)))
	const x = (e: number) =>
		left + (editors.indexOf(e) / Math.max(1, editors.length - 1)) * (width - left - right)
	const y = (v: number) =>
		top + (1 - (Math.log10(v) - minLog) / Math.max(1, maxLog - minLog)) * (height - top - bottom)
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13" role="img" aria-labelledby="title">`,
		'<title id="title">p99 latency from send to receipt at every peer, against editors on one section</title>',
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="${left}" y="24" font-size="15" font-weight="600">p99 send-to-receipt latency (ms, log scale) vs editors typing 5/s</text>`,
	]
	for (let power = minLog; power <= maxLog; power++) {
		const v = 10 ** power
		parts.push(
			`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
			`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(1)}</text>`,
		)
	}
	parts.push(
		`<line x1="${left}" x2="${width - right}" y1="${y(50)}" y2="${y(50)}" stroke="#c00" stroke-dasharray="4 4"/>`,
		`<text x="${width - right}" y="${y(50) - 5}" text-anchor="end" fill="#a00">50 ms</text>`,
	)
	for (const e of editors) {
		parts.push(`<text x="${x(e)}" y="${height - bottom + 20}" text-anchor="middle">${e}</text>`)
	}
	parts.push(
		`<text x="${(left + width - right) / 2}" y="${height - 18}" text-anchor="middle">editors (solid: no viewers; hollow: + 400 viewers)</text>`,
	)
	let legendY = top + 10
	for (const series of SERIES) {
		for (const viewers of [0, 400]) {
			const points = rows
				.filter((row) => row.label === series.label && row.viewers === viewers && row.p99 > 0)
				.sort((a, b) => a.editors - b.editors)
			if (points.length === 0) continue
			const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.editors)},${y(p.p99)}`).join(' ')
			parts.push(
				`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}" opacity="${viewers ? 0.6 : 1}"/>`,
			)
			for (const p of points) {
				parts.push(
					`<circle cx="${x(p.editors)}" cy="${y(p.p99)}" r="4" fill="${viewers ? '#fff' : series.color}" stroke="${series.color}" stroke-width="2"><title>${escapeXml(series.name)}, ${p.editors} editors + ${p.viewers} viewers: p99 ${p.p99.toFixed(1)} ms${p.valid ? '' : ' (generator lagged)'}</title></circle>`,
				)
			}
		}
		if (rows.some((row) => row.label === series.label)) {
			parts.push(
				`<line x1="${width - right + 16}" x2="${width - right + 46}" y1="${legendY}" y2="${legendY}" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`,
				`<text x="${width - right + 52}" y="${legendY + 4}">${escapeXml(series.name)}</text>`,
			)
			legendY += 22
		}
	}
	parts.push('</svg>')
	return `${parts.join('\n')}\n`
}
