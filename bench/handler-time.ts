import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { removeData, type ServerKind } from './lib/servers.ts'
import { percentile, round } from './lib/stats.ts'
import { measureFanout, startFanoutServer } from './scenarios/fanout.ts'

/**
 * How long each server spends on one incoming update (`npx tsx bench/handler-time.ts [editors]`):
 * 50 editors type for two rounds into Convene and into the y-websocket reference server, each
 * with `lib/handler-timer.mjs` preloaded, and the time of every socket message handler is
 * reported (the first round is warm-up). Each round types into a room of its own. This is the
 * number behind docs/benchmarks.md's finding on Convene's fan-out gap to the reference.
 */
const editors = Number(process.argv[2] ?? 50)
const dir = mkdtempSync(path.join(tmpdir(), 'convene-handler-'))
const timer = path.join(import.meta.dirname, 'lib/handler-timer.mjs')

for (const kind of ['convene', 'reference'] as ServerKind[]) {
	const file = path.join(dir, `${kind}.json`)
	const fanout = await startFanoutServer(kind, 2, {
		nodeArgs: ['--import', timer],
		env: { BENCH_HANDLER_FILE: file },
	})
	for (let pass = 1; pass <= 2; pass++) {
		const plan = { editors, viewers: 0, rate: 5, warmupMs: 2_000, measureMs: 6_000, drainMs: 1_500 }
		const result = await measureFanout(fanout, { ...plan, workers: 2, fullViewers: false, editorDocs: false })
		process.stdout.write(
			`${kind} round ${pass}: delivery p50 ${round(result.p50)} ms, p99 ${round(result.p99)} ms\n`,
		)
	}
	await fanout.server.stop()
	removeData(fanout.server)
	// The two rounds are alike: the first half of the messages is the warm-up round.
	const all = JSON.parse(readFileSync(file, 'utf8')) as number[]
	const micros = all.slice(Math.floor(all.length / 2)).sort((a, b) => a - b)
	process.stdout.write(
		`${kind}: ${micros.length} messages; handler µs p50 ${round(percentile(micros, 50))}, p90 ${round(percentile(micros, 90))}, p99 ${round(percentile(micros, 99))}\n`,
	)
}
process.exit(0)
