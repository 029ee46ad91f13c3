import type { RoomsResult } from '../load/rooms-types.ts'
import type { ColdLoadResult, LoadSample } from '../scenarios/cold-load.ts'
import type { MemoryResult } from '../scenarios/memory.ts'
import type { ScaleResults } from '../scenarios/scale.ts'
import { formatBytes } from './documents.ts'
import { fmt, SERVER_NAMES } from './report-format.ts'

function median(values: number[]): number {
	if (values.length === 0) return Number.NaN
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2
		? (sorted[middle] as number)
		: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function roomsSection(rows: RoomsResult[]): string {
	const first = rows[0] as RoomsResult
	return [
		`${first.rooms} rooms × ${first.clientsPerRoom} editors, each editor one keystroke update every ${first.minIntervalMs / 1000}–${first.maxIntervalMs / 1000} s (uniformly random), ${first.measureMs / 1000} s window after a warm-up. _Durable_: updates committed to Convene's database in the window (the reference server stores nothing; Hocuspocus stores whole documents ≥ 2 s after the last change, not per update). _Server loop_: the server's event-loop delay over the window, measured inside it (5 ms sampling timer: ~5 means no delay).`,
		'',
		'| server | updates/s sent | durable updates/s | delivered | p50 ms | p99 ms | max ms | server loop p99 / max ms | server CPU (cores) | server RSS MB | connect s | generator CPU | generator lag p99 ms |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${SERVER_NAMES[row.label] ?? row.label} | ${fmt(row.sentPerSec)} | ${row.durablePerSec === null ? '—' : fmt(row.durablePerSec)} | ${(row.deliveredRatio * 100).toFixed(2)} % | ${fmt(row.p50)} | ${fmt(row.p99)}${row.valid ? '' : ' ⚠'} | ${fmt(row.max)} | ${fmt(row.serverLoopP99Ms)} / ${fmt(row.serverLoopMaxMs)} | ${fmt(row.serverCpuCores)} | ${fmt(row.serverRssMb)} | ${fmt(row.connectMs / 1000)} | ${fmt(row.generatorCpuCores)} | ${fmt(row.generatorLagP99Ms)} |`,
		),
		...(rows.some((row) => row.connectFailures > 0 || row.closedDuringRun > 0)
			? [
					'',
					rows
						.map(
							(row) =>
								`${SERVER_NAMES[row.label] ?? row.label}: ${row.connectFailures} clients failed to connect, ${row.closedDuringRun} closed during the run.`,
						)
						.join(' '),
				]
			: []),
	].join('\n')
}

/** "synced" or the close codes of the loads that never synced. */
function outcome(samples: LoadSample[]): string {
	const failed = samples.filter((sample) => sample.syncedMs === null)
	if (failed.length === 0) return 'synced'
	const codes = [...new Set(failed.map((sample) => sample.closeCode ?? 'timeout'))].join(', ')
	const closed = failed.flatMap((sample) =>
		sample.phase === 'first' && sample.closedMs !== null ? [sample.closedMs] : [],
	)
	return `**${failed.length} of ${samples.length} never synced** (closed ${codes}${closed.length ? `; first loads after ${fmt(median(closed))} ms, median` : ''})`
}

function coldSection(rows: ColdLoadResult[]): string {
	const lines = [
		'_First_: the first client to open the document since the server started (Convene and Hocuspocus load it from disk; the reference server keeps it in memory from the push that put it there, so it has no cold load). _Second_: another client while the first is still connected. Times from `new WebSocket` to sync step 2 received; median and max over the copies. _Other room_: the latency of a probe pair typing every 20 ms in another room, for keystrokes sent during the loads — the worst copy’s 99th percentile and the worst keystroke over the first loads, and the worst copy’s 99th percentile over the second ones (issue #16: < 50 ms); _server loop max_: the longest the server’s event loop was blocked during the first loads.',
		'',
		'| server | document | first load ms (median / max) | second load ms (median) | loads | other room p99 / max ms, first loads (idle p99) | other room p99 ms, second loads | server loop max ms |',
		'|---|---|---|---|---|---|---|---|',
	]
	for (const row of rows) {
		for (const size of row.sizes) {
			const first = size.samples.filter((sample) => sample.phase === 'first')
			const second = size.samples.filter((sample) => sample.phase === 'second')
			const synced = (samples: LoadSample[]) =>
				samples.flatMap((sample) => (sample.syncedMs === null ? [] : [sample.syncedMs]))
			const firstTimes = synced(first)
			lines.push(
				`| ${SERVER_NAMES[row.kind] ?? row.kind} | ${size.label} (${Math.round(size.ops / 1000)}k edits) | ${fmt(median(firstTimes))} / ${fmt(Math.max(...firstTimes))} | ${fmt(median(synced(second)))} | ${outcome(size.samples)} | ${fmt(Math.max(...first.map((sample) => sample.probeP99Ms)))} / ${fmt(Math.max(...first.map((sample) => sample.probeMaxMs)))} (${fmt(row.probeIdle.p99)}) | ${fmt(Math.max(...second.map((sample) => sample.probeP99Ms)))} | ${fmt(Math.max(...first.map((sample) => sample.serverLoopMaxMs)))} |`,
			)
		}
	}
	for (const row of rows) {
		if (!row.unload) continue
		const largest = row.sizes[row.sizes.length - 1]
		lines.push(
			'',
			`${SERVER_NAMES[row.kind] ?? row.kind} unloads a section 30 s after its last client leaves (compacting it first). Watching ${fmt(row.unload.watchedMs / 1000)} s after the last ${largest?.label ?? ''} load: other room max ${fmt(row.unload.probeMaxMs)} ms, server loop max ${fmt(row.unload.serverLoopMaxMs)} ms.`,
		)
	}
	return lines.join('\n')
}

function memorySection(rows: MemoryResult[]): string {
	const first = rows[0] as MemoryResult
	return [
		`${first.documents} rooms with one idle client each, every room holding the same edited document (${formatBytes(first.documentBytes)} stored); then ${first.connections} more idle clients on one room. Each reading is the median of five, half a second apart, each right after two forced full collections (\`--expose-gc\`); per document = growth ÷ ${first.documents} (a document with its one connection), per connection = growth ÷ ${first.connections}. RSS moves in pages and is noisier than the heap.`,
		'',
		'| server | RSS per document KB | heap per document KB | RSS per connection KB | heap per connection KB | idle RSS MB | idle heap MB | failures |',
		'|---|---|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${SERVER_NAMES[row.kind] ?? row.kind} | ${fmt(row.perDocumentKb.rssMb)} | ${fmt(row.perDocumentKb.heapUsedMb)} | ${fmt(row.perConnectionKb.rssMb)} | ${fmt(row.perConnectionKb.heapUsedMb)} | ${fmt(row.idle.rssMb)} | ${fmt(row.idle.heapUsedMb)} | ${row.failures} |`,
		),
	].join('\n')
}

/** Markdown for rows 2–4 (whichever were measured), to sit between rows 1 and 5. */
export function renderScaleRows(results: ScaleResults): string[] {
	const parts: string[] = []
	if (results.rooms?.length) parts.push('#### 2. Many rooms', '', roomsSection(results.rooms), '')
	if (results.coldLoad?.length)
		parts.push('#### 3. Cold load, and whether other rooms stall', '', coldSection(results.coldLoad), '')
	if (results.memory?.length)
		parts.push('#### 4. Memory per idle document and connection', '', memorySection(results.memory), '')
	for (const failure of results.scaleFailures ?? [])
		parts.push(`**Not measured in this run**: ${failure}`, '')
	return parts
}
