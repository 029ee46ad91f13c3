/**
 * `npm run check:folders`: no two feature folders of server/ depend on each other both ways. A
 * feature (assignments, sections, phases…) may use another one, but never the other way round as
 * well, so each can be read, changed and moved on its own. (dependency-cruiser's rules judge single
 * imports and module cycles, not folders, hence this check.) The files directly in server/ (the
 * process, its services and logger) are not a feature folder.
 *
 * Usage: tsx scripts/check-feature-folders.ts [project dir]  (default: the working directory)
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

type Cruised = { modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }> }

/** Every pair of server/ feature folders that import each other, with one import each way. */
function twoWayFolders(cruised: Cruised): string[] {
	const folderOf = (file: string) => /^server\/([^/]+)\/./.exec(file)?.[1] ?? null
	const example = new Map<string, string>()
	for (const module of cruised.modules) {
		const from = folderOf(module.source)
		if (!from) continue
		for (const dependency of module.dependencies) {
			const to = folderOf(dependency.resolved)
			if (to && to !== from && !example.has(`${from}→${to}`))
				example.set(`${from}→${to}`, `${module.source} → ${dependency.resolved}`)
		}
	}
	const problems: string[] = []
	for (const [pair, one] of example) {
		const [from, to] = pair.split('→') as [string, string]
		const other = example.get(`${to}→${from}`)
		if (other && from < to) problems.push(`server/${from} ↔ server/${to}: ${one}; ${other}`)
	}
	return problems.sort()
}

function main(): void {
	const dir = path.resolve(process.argv[2] ?? process.cwd())
	const run = spawnSync(
		path.join(ROOT, 'node_modules/.bin/depcruise'),
		['--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', 'server'],
		{ cwd: dir, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 },
	)
	if (run.status !== 0 && !run.stdout) {
		process.stderr.write(run.stderr)
		process.exit(2)
	}
	const problems = twoWayFolders(JSON.parse(run.stdout) as Cruised)
	if (problems.length === 0) {
		process.stdout.write('✔ no two feature folders of server/ depend on each other both ways\n')
		return
	}
	process.stdout.write(
		`✖ feature folders that depend on each other both ways:\n${problems.map((p) => `  ${p}\n`).join('')}`,
	)
	process.exit(1)
}

main()
