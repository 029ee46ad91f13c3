import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FanoutResult } from '../load/fanout-types.ts'
import type { AttackResult } from '../scenarios/attacks.ts'
import type { DurabilityResult } from '../scenarios/durability.ts'
import type { FuzzResult } from '../scenarios/fuzz.ts'
import type { ScaleResults } from '../scenarios/scale.ts'
import type { SsrResult } from '../scenarios/ssr.ts'
import type { SuggestionCheckResult } from '../scenarios/suggestion-check.ts'
import { fmt, SERVER_NAMES } from './report-format.ts'
import { renderScaleRows } from './report-scale.ts'
import { REPO_ROOT } from './servers.ts'
import { round } from './stats.ts'
import { p99Chart } from './svg-chart.ts'

export type Machine = {
	cpu: string
	cores: number
	memoryGb: number
	node: string
	/** 1-minute load average when the run started: above the core count, others share the machine. */
	load1: number
	versions: Record<string, string>
}

export type Results = {
	mode: 'quick' | 'full'
	machine: Machine
	startedAt: string
	elapsedS: number
	loadAtEnd: number
	fanout: FanoutResult[]
	durability: DurabilityResult[]
	fuzz: FuzzResult
	/** Issue #11's attack kinds with `/healthz` watched meanwhile (full runs, and `--only=attacks`). */
	attacks?: AttackResult[]
	ssr: SsrResult
	/** The server's check of a suggest-only connection's updates (issue #13). */
	suggestionCheck?: SuggestionCheckResult
} & ScaleResults // rows 2–4, full runs only (tables in report-scale.ts)

function version(name: string): string {
	try {
		return (
			JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
				version: string
			}
		).version
	} catch {
		return '?'
	}
}

/** What this run ran on. */
export function machine(): Machine {
	const names = [
		'yjs',
		'ws',
		'y-websocket-server-v2',
		'@hocuspocus/server',
		'better-sqlite3',
		'sqlite3',
		'autocannon',
	]
	return {
		cpu: os.cpus()[0]?.model ?? '?',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		load1: os.loadavg()[0] ?? 0,
		versions: Object.fromEntries(names.map((name) => [name, version(name)])),
	}
}

/** A load level: editors + viewers, and whether the editors applied every update. */
function loadName(row: Pick<FanoutResult, 'editors' | 'viewers' | 'editorDocs'>): string {
	return `${row.editors} + ${row.viewers}${row.editorDocs ? ' (editors applying)' : ''}`
}

/**
 * The runs grouped by pass: each load level in the order it was run, then the passes over it (the
 * target levels get three), each in the order of `SERVER_NAMES` whatever order the servers ran in.
 */
function byPass(rows: FanoutResult[]): FanoutResult[][] {
	const passes = new Map<string, FanoutResult[]>()
	const seen = new Map<string, number>()
	for (const row of rows) {
		const load = loadName(row)
		const pass = seen.get(`${load} ${row.label}`) ?? 0
		seen.set(`${load} ${row.label}`, pass + 1)
		const key = `${load} ${pass}`
		passes.set(key, [...(passes.get(key) ?? []), row])
	}
	const order = Object.keys(SERVER_NAMES)
	return [...passes.values()].map((pass) =>
		pass.sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label)),
	)
}

function fanoutTable(rows: FanoutResult[]): string {
	const lines = [
		'| server | editors + viewers | p50 ms | p95 ms | p99 ms | max ms | delivered | deliveries/s | p99 ÷ reference | p99 ÷ Hocuspocus | p99 ÷ relay | server CPU (cores) | server RSS MB | generator CPU | generator lag p99 ms |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
	]
	for (const pass of byPass(rows))
		for (const row of pass) {
			// Ratios within the pass; a ratio to a row the generator could not measure says nothing.
			const same = (label: string) => pass.find((other) => other.label === label && other.valid)
			const reference = same('reference')
			const hocuspocus = same('hocuspocus')
			const relay = same('relay')
			const invalid = row.valid ? '' : ' ⚠'
			lines.push(
				`| ${SERVER_NAMES[row.label] ?? row.label} | ${loadName(row)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)}${invalid} | ${fmt(row.max)} | ${(row.deliveredRatio * 100).toFixed(2)} % | ${fmt(row.deliveriesPerSec)} | ${reference ? fmt(row.p99 / reference.p99) : '—'} | ${hocuspocus ? fmt(row.p99 / hocuspocus.p99) : '—'} | ${relay ? fmt(row.p99 / relay.p99) : '—'} | ${fmt(row.serverCpuCores)} | ${fmt(row.serverRssMb)} | ${fmt(row.generatorCpuCores)} | ${fmt(row.generatorLagP99Ms)} |`,
			)
		}
	return lines.join('\n')
}

/** Per load level with more than one pass: the median (and range) of Convene's per-pass p99 ratios. */
function medianRatios(rows: FanoutResult[]): string {
	const levels = new Map<string, FanoutResult>()
	for (const row of rows) levels.set(loadName(row), row)
	const lines = [...levels.values()].flatMap((level) => {
		const parts = ['reference', 'hocuspocus', 'relay'].flatMap((other) => {
			const ratio = passRatios(rows, level, other)
			return ratio && ratio.passes > 1
				? [`÷ ${SERVER_NAMES[other]} **${fmt(ratio.median)}** (${fmt(ratio.min)}–${fmt(ratio.max)})`]
				: []
		})
		return parts.length ? [`- ${loadName(level)}: ${parts.join('; ')}`] : []
	})
	return lines.length
		? [
				'Convene’s p99 over the others’, median of the per-pass ratios (range), where a level had several passes:',
				'',
				...lines,
			].join('\n')
		: ''
}

/** The highest load (editors + viewers) each server sustained with p99 under 50 ms and every update delivered. */
function sustained(rows: FanoutResult[]): string {
	const labels = [...new Set(rows.map((row) => row.label))]
	return labels
		.map((label) => {
			const ok = rows.filter(
				(row) => row.label === label && row.valid && row.p99 < 50 && row.deliveredRatio === 1,
			)
			const best = ok.sort((a, b) => a.editors + a.viewers - (b.editors + b.viewers)).pop()
			return `- ${SERVER_NAMES[label] ?? label}: ${best ? `${best.editors} editors + ${best.viewers} viewers` : 'none of the measured loads'}`
		})
		.join('\n')
}

function durabilityTable(rows: DurabilityResult[]): string {
	return [
		'| server | kills | edits a peer had seen | lost | trials with a loss | kills before any edit was seen |',
		'|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${SERVER_NAMES[row.kind]} | ${row.trials} | ${row.seen} | **${row.lost}** | ${row.trialsWithLoss} | ${row.emptyTrials} |`,
		),
	].join('\n')
}

function fuzzSection(fuzz: FuzzResult): string {
	const kinds = Object.entries(fuzz.byKind)
		.map(([kind, counts]) => `${kind} ${counts.sent} (${counts.refused} refused)`)
		.join(', ')
	const codes = Object.entries(fuzz.closeCodes)
		.map(([code, count]) => `${code}: ${count}`)
		.join(', ')
	return [
		'| frames | frames/s | crashes | caught handler errors | stored from refused frames | read-only bypasses | sections that no longer load | refused after restart | stalls | honest p50 / p99 / max ms | honest delivered |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
		`| ${fuzz.frames} | ${fmt(fuzz.framesPerSec)} | **${fuzz.crashes}** | ${fuzz.internalErrors} | **${fuzz.persistedFromBad}** | **${fuzz.readOnlyBypasses}** | **${fuzz.unloadable.length}** | ${fuzz.refusedAfterRestart} | ${fuzz.stalls} | ${fmt(fuzz.honest.p50)} / ${fmt(fuzz.honest.p99)} / ${fmt(fuzz.honest.max)} | ${fuzz.honest.delivered} of ${fuzz.honest.expected} |`,
		'',
		`Frames by kind: ${kinds}. Close codes: ${codes}.`,
		...fuzz.unloadable.map(
			(bad) =>
				`\nA section stopped loading: \`${bad.error}\` at stored row ${bad.row?.seq ?? '?'} (\`${bad.row?.hex.slice(0, 120) ?? ''}…\`).`,
		),
	].join('\n')
}

function attacksTable(attacks: AttackResult[]): string {
	return [
		'| attack | what the server did | attack got through | `/healthz` answers | longest gap ms | outages > 1 s |',
		'|---|---|---|---|---|---|',
		...attacks.map(
			(row) =>
				`| ${row.kind}: ${row.attack} | ${row.outcome} | **${row.succeeded ? 'yes' : 'no'}** | ${row.health.answers} | ${fmt(row.health.longestGapMs)} | **${row.health.outagesOver1s}** |`,
		),
	].join('\n')
}

function ssrTable(ssr: SsrResult): string {
	const row = (name: string, r: SsrResult['bare']) =>
		`| ${name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.errors} | ${r.non2xx} | ${fmt(r.generatorCpuCores)} |`
	const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`
	const passes = ssr.passes ?? []
	return [
		`${ssr.connections} concurrent keep-alive clients, each its own session, ${ssr.durationS} s per target (autocannon, separate process).`,
		'',
		'| target | requests/s | p50 ms | p99 ms | max ms | errors | non-2xx | generator CPU |',
		'|---|---|---|---|---|---|---|---|',
		row('bare `node:http` hello-world', ssr.bare),
		row(`bare \`node:http\` sending ${kb(ssr.dashboardBytes)} (the dashboard's size)`, ssr.barePage),
		row(`Express 5 + helmet sending the same ${kb(ssr.dashboardBytes)}, nothing behind it`, ssr.expressPage),
		...passes.flatMap((pass, index) => [
			row(`framework ceiling: the dashboard from memory, pass ${index + 1}`, pass.framework),
			row(`dashboard \`/t/genai\`, pass ${index + 1}`, pass.dashboard),
		]),
		...(passes.length === 0 ? [row('dashboard `/t/genai`', ssr.dashboard)] : []),
		row('timeline `/t/genai/timeline`', ssr.timeline),
		'',
		[
			ssr.ratioVsFramework !== undefined
				? `Dashboard ÷ framework ceiling (median of ${passes.length} passes): **${fmt(ssr.ratioVsFramework * 100)} %** (per pass: ${passes.map((pass) => `${fmt((pass.dashboard.rps / pass.framework.rps) * 100)} %`).join(', ')}); dashboard p99 ${fmt(ssr.dashboard.p99)} ms.`
				: '',
			`Dashboard ÷ bare: ${fmt(ssr.ratioVsBare * 100)} %.`,
			`JavaScript a first visit can load (gzip, every chunk the page imports, lazily too): dashboard ${kb(ssr.jsGzipBytes.dashboard)}, section page with the editor ${kb(ssr.jsGzipBytes.editor)}.`,
		]
			.filter(Boolean)
			.join(' '),
		...(ssr.webVitals ? ['', vitalsTable(ssr.webVitals)] : []),
	].join('\n')
}

function vitalsTable(vitals: NonNullable<SsrResult['webVitals']>): string {
	const p = vitals.profile
	return [
		`A first visit in headless Chromium throttled like a mid-range phone on 4G (DevTools protocol: ${fmt(p.latencyMs)} ms round trip, ${fmt(p.downloadKbps)} kbit/s down, ${fmt(p.uploadKbps)} kbit/s up, CPU ${fmt(p.cpuSlowdown)}× slower), fresh cache each run; medians:`,
		'',
		'| page | runs | Largest Contentful Paint ms | Total Blocking Time ms | First Contentful Paint ms | long tasks | LCP per run | TBT per run |',
		'|---|---|---|---|---|---|---|---|',
		...vitals.pages.map(
			(page) =>
				`| ${page.page} | ${page.runs} | ${fmt(page.lcpMs)} | ${fmt(page.tbtMs)} | ${fmt(page.fcpMs)} | ${page.longTasks} | ${page.lcpRunsMs.map(fmt).join(', ')} | ${page.tbtRunsMs.map(fmt).join(', ')} |`,
		),
	].join('\n')
}

function suggestionTable(check: SuggestionCheckResult): string {
	return [
		`A suggester proposes a word at a time in a ${fmt(check.sectionKb)} KB section; each update is checked on the room's shadow and then applied, in process. Every tenth is a plain edit, which must be refused (and makes the shadow be built again).`,
		'',
		'| updates | check p50 ms | check p99 ms | check max ms | applying, p50 ms | plain edits refused |',
		'|---|---|---|---|---|---|',
		`| ${check.updates} | ${fmt(check.p50Ms)} | ${fmt(check.p99Ms)} | ${fmt(check.maxMs)} | ${fmt(check.applyP50Ms)} | ${check.plainRefused} of ${check.plainEdits} |`,
	].join('\n')
}

/** The generated part of docs/benchmarks.md for one run. */
function renderResults(results: Results, chartFile: string | null): string {
	const m = results.machine
	const versions = Object.entries(m.versions)
		.map(([name, v]) => `${name} ${v}`)
		.join(', ')
	const title = results.mode === 'full' ? 'Full run (`npm run bench`)' : 'Quick run (`npm run bench:quick`)'
	return [
		`### ${title}`,
		'',
		`${results.startedAt}, ${fmt(results.elapsedS)} s. ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; ${versions}. Load average (1 min) ${fmt(m.load1)} at the start and ${fmt(results.loadAtEnd)} at the end${m.load1 > m.cores || results.loadAtEnd > m.cores ? ' — other work was running on this machine' : ''}.`,
		'',
		'#### 1. Fan-out on one section (5 keystroke updates/s per editor)',
		'',
		fanoutTable(results.fanout),
		'',
		'⚠ = the generator itself lagged more than 10 ms (p99): the row shows the machine, not the server, and is not quoted.',
		'',
		medianRatios(results.fanout),
		'',
		'Highest load with p99 < 50 ms, all updates delivered and a valid generator:',
		'',
		sustained(results.fanout),
		'',
		...(chartFile ? [`![p99 latency against editors](${chartFile})`, ''] : []),
		...renderScaleRows(results),
		'#### 5. Durability: `kill -9` at random moments',
		'',
		durabilityTable(results.durability),
		'',
		'#### 6. Hostile input against Convene',
		'',
		fuzzSection(results.fuzz),
		'',
		...(results.attacks
			? [
					'The attack kinds of issue #11, one after another against one server, `/healthz` asked every 50 ms meanwhile:',
					'',
					attacksTable(results.attacks),
					'',
				]
			: []),
		'#### 7. Pages',
		'',
		ssrTable(results.ssr),
		'',
		...(results.suggestionCheck
			? [
					"#### 8. Suggesting: the server's check per update",
					'',
					suggestionTable(results.suggestionCheck),
					'',
				]
			: []),
	].join('\n')
}

/** Rewrites the results section of docs/benchmarks.md (and the chart, for a full run). */
export function writeReport(results: Results): void {
	const file = path.join(REPO_ROOT, 'docs/benchmarks.md')
	let chart: string | null = null
	if (results.mode === 'full') {
		writeFileSync(path.join(REPO_ROOT, 'docs/bench-p99.svg'), p99Chart(results.fanout))
		chart = 'bench-p99.svg'
	}
	const start = `<!-- ${results.mode}:start -->`
	const end = `<!-- ${results.mode}:end -->`
	const text = readFileSync(file, 'utf8')
	const from = text.indexOf(start)
	const to = text.indexOf(end)
	if (from < 0 || to < from) throw new Error(`docs/benchmarks.md lacks the ${start} … ${end} markers`)
	writeFileSync(
		file,
		`${text.slice(0, from + start.length)}\n${renderResults(results, chart)}\n${text.slice(to)}`,
	)
	// The repository's formatter owns table alignment and JSON layout; let it lay out what was generated.
	execFileSync(
		'npx',
		['biome', 'format', '--write', 'docs/benchmarks.md', `bench/results/${results.mode}.json`],
		{
			cwd: REPO_ROOT,
			stdio: 'ignore',
		},
	)
}

/**
 * Convene's p99 over another server's, pass by pass at one load level (both measured in the same
 * minute, in alternating order), with their median and spread: a ratio from one pass is at the
 * mercy of what else the machine did in it.
 */
function passRatios(
	rows: FanoutResult[],
	load: { editors: number; viewers: number; editorDocs?: boolean },
	other: string,
): { median: number; min: number; max: number; passes: number } | null {
	const name = loadName(load)
	const ratios = byPass(rows)
		.filter((pass) => pass[0] && loadName(pass[0]) === name)
		.map((pass) => {
			const convene = pass.find((row) => row.label === 'convene' && row.valid)
			const them = pass.find((row) => row.label === other && row.valid)
			return convene && them ? convene.p99 / them.p99 : null
		})
		.filter((ratio): ratio is number => ratio !== null)
		.sort((a, b) => a - b)
	if (ratios.length === 0) return null
	const middle = Math.floor(ratios.length / 2)
	const median =
		ratios.length % 2
			? (ratios[middle] as number)
			: ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2
	return { median, min: ratios[0] as number, max: ratios.at(-1) as number, passes: ratios.length }
}

/** The one-line summary `bench:quick` ends with (issues #6 and #16). */
export function summaryLine(results: Results) {
	const load = { editors: 50, viewers: 0 }
	const convene = results.fanout.filter(
		(row) => row.label === 'convene' && row.editors === 50 && row.viewers === 0 && !row.editorDocs,
	)
	const p99s = convene.map((row) => row.p99).sort((a, b) => a - b)
	const vs = (other: string) => passRatios(results.fanout, load, other)
	const reference = vs('reference')
	const hocuspocus = vs('hocuspocus')
	const relay = vs('relay')
	const spread = (ratio: ReturnType<typeof vs>) => (ratio ? [round(ratio.min), round(ratio.max)] : null)
	const durability = results.durability.find((row) => row.kind === 'convene')
	const ssr = results.ssr
	return {
		fanout: {
			editors: 50,
			p99_ms: round(p99s[Math.floor(p99s.length / 2)] ?? Number.NaN),
			p99_ratio_vs_reference: reference ? round(reference.median) : null,
			p99_ratio_vs_hocuspocus: hocuspocus ? round(hocuspocus.median) : null,
			p99_ratio_vs_relay: relay ? round(relay.median) : null,
			delivered_ratio: Math.round(Math.min(...convene.map((row) => row.deliveredRatio)) * 10_000) / 10_000,
			passes: reference?.passes ?? 0,
			spread: { vs_reference: spread(reference), vs_hocuspocus: spread(hocuspocus) },
		},
		durability: { trials: durability?.trials ?? 0, lost: durability?.lost ?? null },
		fuzz: { frames: results.fuzz.frames, crashes: results.fuzz.crashes },
		ssr: {
			rps: round(ssr.dashboard.rps),
			p99_ms: round(ssr.dashboard.p99),
			ratio_vs_framework: ssr.ratioVsFramework === undefined ? null : round(ssr.ratioVsFramework),
			ratio_vs_bare: round(ssr.ratioVsBare),
		},
		js: {
			dashboard_kb: round(ssr.jsGzipBytes.dashboard / 1024),
			section_kb: round(ssr.jsGzipBytes.editor / 1024),
		},
		vitals: ssr.webVitals
			? Object.fromEntries(
					ssr.webVitals.pages.map((page) => [
						page.page,
						{ lcp_ms: round(page.lcpMs), tbt_ms: round(page.tbtMs) },
					]),
				)
			: null,
		suggest_check: results.suggestionCheck
			? { p50_ms: results.suggestionCheck.p50Ms, p99_ms: results.suggestionCheck.p99Ms }
			: null,
	}
}
