/**
 * `npm run check:urls`: app/ builds its own URLs with React Router's typed `href()`, which typegen
 * checks against app/routes.ts, so a renamed route or a missing parameter is a type error rather
 * than a broken link. This finds what `tsc` cannot: a path written by hand — a literal starting with
 * `/t/` anywhere but as `href()`'s pattern, or a template literal that starts with `/` and fills in
 * values. Comments are skipped.
 *
 * Usage: tsx scripts/check-typed-urls.ts [project dir]  (default: the working directory)
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes('+types'))
		.map((entry) => path.join(entry.parentPath, entry.name))
}

/** Each hand-built URL in `text`, as `line: code`. */
function handBuilt(text: string): string[] {
	const found: string[] = []
	text.split('\n').forEach((line, index) => {
		const code = line.replace(/\/\/.*$/, '')
		if (/^\s*(\*|\/\*)/.test(code)) return
		for (const match of code.matchAll(/(['"`])\/t\//g)) {
			if (!code.slice(0, match.index).endsWith('href(')) found.push(`${index + 1}: ${line.trim()}`)
		}
		if (/`\/[^`]*\$\{/.test(code) && !/(['"`])\/t\//.test(code)) found.push(`${index + 1}: ${line.trim()}`)
	})
	return found
}

function main(): void {
	const root = path.resolve(process.argv[2] ?? process.cwd())
	const problems = sourceFiles(path.join(root, 'app')).flatMap((file) =>
		handBuilt(readFileSync(file, 'utf8')).map((entry) => `${path.relative(root, file)}:${entry}`),
	)
	if (problems.length === 0) {
		process.stdout.write('✔ every URL in app/ is built with href()\n')
		return
	}
	process.stdout.write(
		`✖ URLs built by hand in app/ (use href() from react-router):\n${problems.map((p) => `  ${p}\n`).join('')}`,
	)
	process.exit(1)
}

main()
