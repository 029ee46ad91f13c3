import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { machine, type Results, summaryLine, writeReport } from './lib/report.ts'
import { APP_ROOT, logDir, REPO_ROOT, removeData, type ServerKind, startServer } from './lib/servers.ts'
import { round } from './lib/stats.ts'
import type { FanoutResult } from './load/fanout-types.ts'
import { runAttacks } from './scenarios/attacks.ts'
import { runDurability } from './scenarios/durability.ts'
import { type FanoutServer, measureFanout, startFanoutServer } from './scenarios/fanout.ts'
import { runFuzz } from './scenarios/fuzz.ts'
import { runScaleRows, SCALE_ROWS, type ScaleResults } from './scenarios/scale.ts'
import { runSsr } from './scenarios/ssr.ts'
import { measureSuggestionCheck } from './scenarios/suggestion-check.ts'

/**
 * `npm run bench` (everything, rewrites docs/benchmarks.md) and `npm run bench:quick` (a small
 * version of rows 1, 5, 6 and 7 in about 6 minutes; its last line is one JSON object).
 */
const full = process.argv.includes('--full')
const mode = full ? 'full' : 'quick'
const started = Date.now()
const log = (line: string) =>
	process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`)

/**
 * One load level of the fan-out row: how many passes over the servers it gets (the targets are
 * judged on the median of per-pass ratios, so those levels get three), and whether the editors
 * apply every update as browser tabs do.
 */
type FanoutLoad = { editors: number; viewers: number; passes: number; editorDocs?: boolean }

const PLAN = full
	? {
			fanoutKinds: ['convene', 'reference', 'hocuspocus', 'relay'] as ServerKind[],
			loads: [
				{ editors: 10, viewers: 0, passes: 1 },
				{ editors: 50, viewers: 0, passes: 3 },
				{ editors: 100, viewers: 0, passes: 1 },
				{ editors: 10, viewers: 400, passes: 1 },
				{ editors: 50, viewers: 400, passes: 3 },
				{ editors: 100, viewers: 400, passes: 1 },
				{ editors: 50, viewers: 0, passes: 3, editorDocs: true },
			] as FanoutLoad[],
			warmupMs: 3_000,
			measureMs: 12_000,
			durability: { convene: 200, hocuspocus: 40 },
			fuzzFrames: 100_000,
			ssrSeconds: 15,
			ssrPasses: 3,
			vitalsRuns: 5,
			suggestionUpdates: 1_000,
		}
	: {
			fanoutKinds: ['convene', 'reference', 'hocuspocus', 'relay'] as ServerKind[],
			// Three alternating passes: one 6 s window per server is at the mercy of whatever else the
			// machine does in it, so the summary takes the median of the per-pass ratios.
			loads: [{ editors: 50, viewers: 0, passes: 3 }] as FanoutLoad[],
			warmupMs: 2_000,
			measureMs: 6_000,
			durability: { convene: 20, hocuspocus: 10 },
			fuzzFrames: 5_000,
			ssrSeconds: 6,
			ssrPasses: 3,
			vitalsRuns: 3,
			suggestionUpdates: 200,
		}

/**
 * Builds Convene as `npm run build` does, every run: a build left by the browser tests or a dev
 * session may hold other code, and the pages' JavaScript and paint times are measured from it.
 */
function ensureBuild(): void {
	log(`building Convene in ${APP_ROOT}`)
	execFileSync('npx', ['react-router', 'build'], {
		cwd: APP_ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
}

async function fanout(): Promise<FanoutResult[]> {
	const results: FanoutResult[] = []
	// All servers up at once (idle ones cost nothing); each load level runs them back to back so
	// the comparison at one load shares the same minute of this machine.
	const runs = 1 + PLAN.loads.reduce((sum, load) => sum + load.passes, 0)
	const servers: FanoutServer[] = []
	for (const kind of PLAN.fanoutKinds) servers.push(await startFanoutServer(kind, runs))
	const measure = (server: FanoutServer, load: FanoutLoad, measureMs = PLAN.measureMs) =>
		measureFanout(server, {
			editors: load.editors,
			viewers: load.viewers,
			rate: 5,
			warmupMs: PLAN.warmupMs,
			measureMs,
			drainMs: 1_500,
			workers: 2,
			fullViewers: process.env.BENCH_FULL_DOCS === '1',
			editorDocs: load.editorDocs === true || process.env.BENCH_FULL_DOCS === '1',
		})
	try {
		// A server's first run after it starts is slower than its later ones, whichever server it is
		// (p99 30–70 % higher in alternating runs): one short uncounted run each at the first load.
		for (const server of servers) {
			const warmup = await measure(server, PLAN.loads[0] as FanoutLoad, PLAN.warmupMs)
			log(`fan-out ${server.server.kind} warm-up run (not counted): p99 ${round(warmup.p99)} ms`)
		}
		let pass = 0
		for (const load of PLAN.loads) {
			for (let repeat = 0; repeat < load.passes; repeat++) {
				// Every other pass goes in reverse (Convene, reference, relay; relay, reference,
				// Convene; …), so no server always takes the same place in a minute that drifts.
				const order = pass++ % 2 === 0 ? servers : [...servers].reverse()
				for (const server of order) {
					const result = await measure(server, load)
					results.push(result)
					log(
						`fan-out ${server.server.kind} ${load.editors}+${load.viewers}${load.editorDocs ? ' (applying)' : ''}: p50 ${round(result.p50)} p99 ${round(result.p99)} ms, delivered ${round(result.deliveredRatio)}, server CPU ${round(result.serverCpuCores)}, generator lag p99 ${round(result.generatorLagP99Ms)} ms${result.valid ? '' : ' (INVALID: generator lagged)'}`,
					)
				}
			}
		}
	} finally {
		for (const { server } of servers) {
			await server.stop()
			removeData(server)
		}
	}
	return results
}

/** Raw numbers so far, so a run that fails late still leaves what it measured. */
function save(results: Results): void {
	const outDir = path.join(REPO_ROOT, 'bench/results')
	mkdirSync(outDir, { recursive: true })
	writeFileSync(path.join(outDir, `${mode}.json`), `${JSON.stringify(results, null, '\t')}\n`)
}

async function main(): Promise<void> {
	ensureBuild()
	const results: Results = { mode, machine: machine(), startedAt: new Date().toISOString() } as Results
	log(`mode ${mode}; server logs in ${logDir}`)
	if (results.machine.load1 > results.machine.cores) {
		log(
			`warning: load average ${results.machine.load1.toFixed(1)} on ${results.machine.cores} cores — other work shares this machine`,
		)
	}

	results.fanout = await fanout()
	save(results)

	results.durability = []
	for (const kind of ['convene', 'hocuspocus'] as const) {
		const result = await runDurability(kind, PLAN.durability[kind], { log })
		results.durability.push(result)
		log(
			`durability ${kind}: ${result.trials} kills, ${result.seen} edits seen by a peer, ${result.lost} lost`,
		)
	}
	save(results)

	let fuzzServer = await startServer('convene')
	try {
		results.fuzz = await runFuzz(fuzzServer, PLAN.fuzzFrames, {
			log,
			onServer: (restarted) => {
				fuzzServer = restarted
			},
		})
		const fuzz = results.fuzz
		log(
			`fuzz: ${fuzz.frames} frames, ${fuzz.crashes} crashes, ${fuzz.persistedFromBad} stored from refused frames, ${fuzz.readOnlyBypasses} read-only bypasses, ${fuzz.unloadable.length} sections that no longer load (${fuzz.refusedAfterRestart} refused after a restart)`,
		)
		for (const bad of fuzz.unloadable)
			log(`  unloadable ${bad.section}: ${bad.error}; row ${JSON.stringify(bad.row)}`)
		save(results)
		results.ssr = await runSsr(fuzzServer, {
			connections: 50,
			durationS: PLAN.ssrSeconds,
			passes: PLAN.ssrPasses,
			vitalsRuns: PLAN.vitalsRuns,
		})
		log(
			`pages: dashboard ${round(results.ssr.dashboard.rps)} req/s (p99 ${results.ssr.dashboard.p99} ms, ${round((results.ssr.ratioVsFramework ?? 0) * 100)} % of the framework ceiling's ${round(results.ssr.framework?.rps ?? 0)}), timeline ${round(results.ssr.timeline.rps)} req/s, bare ${round(results.ssr.bare.rps)} req/s`,
		)
	} finally {
		await fuzzServer.stop()
		// Keep a damaged store for whoever looks into it.
		if (results.fuzz?.unloadable.length) log(`kept the fuzzed data in ${fuzzServer.dataPath}`)
		else removeData(fuzzServer)
	}

	results.suggestionCheck = measureSuggestionCheck(PLAN.suggestionUpdates)
	log(
		`suggestion check on ${results.suggestionCheck.sectionKb} KB: p50 ${results.suggestionCheck.p50Ms} ms, p99 ${results.suggestionCheck.p99Ms} ms per update (applying: ${results.suggestionCheck.applyP50Ms} ms)`,
	)
	save(results)

	// Issue #11's attacks and rows 2–4 (many rooms, cold load, memory): full runs only, so quick
	// stays under 3 minutes.
	if (full) {
		results.attacks = await runAttacks({ log })
		save(results)
	}
	if (full) await runScaleRows(results, { rows: SCALE_ROWS, full, log, save: () => save(results) })

	results.elapsedS = (Date.now() - started) / 1000
	results.loadAtEnd = os.loadavg()[0] ?? 0
	save(results)
	writeReport(results)
	log(`done in ${round(results.elapsedS)} s; docs/benchmarks.md updated`)
	process.stdout.write(`${JSON.stringify(summaryLine(results))}\n`)
}

// `--only=<rows>`: those rows alone (fanout, rooms, cold, memory; sizes per --full), saved to
// bench/results/<mode>-partial.json and printed; docs/benchmarks.md is left as it is.
const only = process.argv
	.find((arg) => arg.startsWith('--only='))
	?.slice('--only='.length)
	.split(',')
	.filter(Boolean)

async function runOnly(rows: string[]): Promise<void> {
	const known = ['fanout', 'attacks', ...SCALE_ROWS]
	const unknown = rows.filter((row) => !known.includes(row))
	if (unknown.length > 0)
		throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`)
	ensureBuild()
	const results: Partial<Results> & ScaleResults = {
		mode,
		machine: machine(),
		startedAt: new Date().toISOString(),
	}
	const file = path.join(REPO_ROOT, `bench/results/${mode}-partial.json`)
	const savePartial = () => {
		mkdirSync(path.dirname(file), { recursive: true })
		writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`)
	}
	log(`mode ${mode}, only ${rows.join(', ')}; server logs in ${logDir}`)
	if (rows.includes('fanout')) {
		results.fanout = await fanout()
		savePartial()
	}
	if (rows.includes('attacks')) {
		results.attacks = await runAttacks({ log })
		savePartial()
	}
	const scale = SCALE_ROWS.filter((row) => rows.includes(row))
	await runScaleRows(results, { rows: scale, full, log, save: savePartial })
	results.elapsedS = (Date.now() - started) / 1000
	savePartial()
	log(
		`done in ${round(results.elapsedS)} s; saved ${path.relative(REPO_ROOT, file)}, docs/benchmarks.md untouched`,
	)
	process.stdout.write(`${JSON.stringify(results)}\n`)
	if (results.scaleFailures?.length) throw new Error(`rows failed: ${results.scaleFailures.join('; ')}`)
}

// `--report-only`: rewrite docs/benchmarks.md from the saved numbers of this mode, measuring nothing.
const run = process.argv.includes('--report-only')
	? async () =>
			writeReport(JSON.parse(readFileSync(path.join(REPO_ROOT, `bench/results/${mode}.json`), 'utf8')))
	: only
		? () => runOnly(only)
		: main
run().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack}\n`)
		process.exit(1)
	},
)
