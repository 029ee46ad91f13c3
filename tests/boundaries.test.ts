import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, expect, test } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise')
const fixtures: string[] = []

afterAll(() => {
	for (const dir of fixtures) rmSync(dir, { recursive: true, force: true })
})

/** Runs depcruise as `npm run check:boundaries` does; colours are stripped, since a terminal or FORCE_COLOR turns them on. */
function runDepcruise(cwd: string) {
	const run = spawnSync(DEPCRUISE, ['--config', CONFIG, 'app', 'server', 'db', 'shared', 'tests', 'bench'], {
		cwd,
		encoding: 'utf8',
	})
	return { status: run.status, output: stripVTControlCharacters(run.stdout + run.stderr) }
}

/** Runs the feature-folder check as `npm run check:folders` does, on the project at `cwd`. */
function runFolderCheck(cwd: string) {
	const run = spawnSync(
		path.join(ROOT, 'node_modules/.bin/tsx'),
		[path.join(ROOT, 'scripts/check-feature-folders.ts'), cwd],
		{
			encoding: 'utf8',
		},
	)
	return { status: run.status, output: stripVTControlCharacters(run.stdout + run.stderr) }
}

/** Runs the real boundaries check on a tree of files, as `npm run check:boundaries` does. */
function checkBoundaries(files: Record<string, string>) {
	const dir = mkdtempSync(path.join(tmpdir(), 'convene-boundaries-'))
	fixtures.push(dir)
	const tree: Record<string, string> = {
		'package.json': JSON.stringify({
			type: 'module',
			imports: {
				'#app/*': './app/*',
				'#server/*': './server/*',
				'#db/*': './db/*',
				'#shared/*': './shared/*',
			},
		}),
		'tsconfig.json': JSON.stringify({
			compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowImportingTsExtensions: true },
		}),
		'app/keep.ts': 'export {}\n',
		'server/keep.ts': 'export {}\n',
		'server/data.server.ts': 'export const data = 1\n',
		'server/internal.ts': 'export const internal = 1\n',
		'db/keep.ts': 'export {}\n',
		'shared/keep.ts': 'export {}\n',
		'tests/keep.ts': 'export {}\n',
		'bench/keep.ts': 'export {}\n',
		...files,
	}
	for (const [file, text] of Object.entries(tree)) {
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
		writeFileSync(path.join(dir, file), text)
	}
	const run = runDepcruise(dir)
	return { ok: run.status === 0, output: run.output, folders: () => runFolderCheck(dir) }
}

test('the boundaries check passes on the real source tree', () => {
	const run = runDepcruise(ROOT)
	expect(run.output).toContain('no dependency violations')
	expect(run.status).toBe(0)
})

test('allowed imports pass: app to a .server module, server to db and shared, db to shared', () => {
	const result = checkBoundaries({
		'app/page.ts':
			"import { data } from '#server/data.server.ts'\nimport '#shared/keep.ts'\nexport { data }\n",
		'server/uses-db.ts': "import '#db/keep.ts'\nimport '#shared/keep.ts'\n",
		'db/uses-shared.ts': "import '../shared/keep.ts'\n",
	})
	expect(result.output).toContain('no dependency violations')
	expect(result.ok).toBe(true)
})

test('shared importing our code or a Node built-in is caught', () => {
	const result = checkBoundaries({
		'shared/bad.ts':
			"import '#server/data.server.ts'\nimport '../db/keep.ts'\nimport { readFileSync } from 'fs'\nimport 'node:path'\nexport { readFileSync }\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/shared-imports-nothing-of-ours: shared\/bad\.ts → server\/data\.server\.ts/)
	expect(result.output).toMatch(/shared-imports-nothing-of-ours: shared\/bad\.ts → db\/keep\.ts/)
	expect(result.output).toMatch(/shared-uses-no-node-builtins: shared\/bad\.ts → fs/)
	expect(result.output).toMatch(/shared-uses-no-node-builtins: shared\/bad\.ts → (node:)?path/)
})

test('db importing server or app is caught', () => {
	const result = checkBoundaries({ 'db/bad.ts': "import '#server/keep.ts'\nimport '../app/keep.ts'\n" })
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/db-imports-no-server-or-app: db\/bad\.ts → server\/keep\.ts/)
	expect(result.output).toMatch(/db-imports-no-server-or-app: db\/bad\.ts → app\/keep\.ts/)
})

test('app importing a server module that is not .server is caught', () => {
	const result = checkBoundaries({
		'app/bad.ts': "import { internal } from '#server/internal.ts'\nexport { internal }\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(
		/app-imports-server-only-through-dot-server: app\/bad\.ts → server\/internal\.ts/,
	)
})

test('the process entry importing stateful server code from source is caught; plumbing and types pass', () => {
	const result = checkBoundaries({
		'server/config.server.ts': 'export const config = 1\n',
		'server/http/csrf.server.ts': 'export const csrf = 1\n',
		'server/collab/collab-server.server.ts': 'export class CollabServer {}\n',
		'server/app.ts': 'export const createLiveServices = 1\n',
		'server/main.ts':
			"import '#server/config.server.ts'\nimport './http/csrf.server.ts'\nimport type { CollabServer } from './collab/collab-server.server.ts'\nimport { CollabServer as Live } from './collab/collab-server.server.ts'\nexport type App = typeof import('./app.ts')\nexport { Live }\nexport type { CollabServer }\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(
		/main-takes-stateful-code-from-the-bundle: server\/main\.ts → server\/collab\/collab-server\.server\.ts/,
	)
	expect(result.output).not.toMatch(
		/main-takes-stateful-code-from-the-bundle: server\/main\.ts → server\/(config|http|app)/,
	)
})

test('app importing db is caught, a type-only import included', () => {
	const result = checkBoundaries({
		'db/schema.ts': 'export type Row = { id: string }\nexport const rows = 1\n',
		'app/bad.ts': "import { rows } from '#db/schema.ts'\nexport { rows }\n",
		'app/bad-type.ts': "import type { Row } from '../db/schema.ts'\nexport type { Row }\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/app-imports-no-db: app\/bad\.ts → db\/schema\.ts/)
	expect(result.output).toMatch(/app-imports-no-db: app\/bad-type\.ts → db\/schema\.ts/)
})

test('an import cycle is caught in any folder, a type-only one included', () => {
	const result = checkBoundaries({
		'db/seed/a.ts': "import { b } from './b.ts'\nexport const a = b\n",
		'db/seed/b.ts': "import type { a } from './a.ts'\nexport const b = 1\nexport type A = typeof a\n",
		'tests/one.ts': "import { two } from './two.ts'\nexport const one = two\n",
		'tests/two.ts': "import { three } from './three.ts'\nexport const two = three\n",
		'tests/three.ts': "import { one } from './one.ts'\nexport const three = () => one\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/no-circular: db\/seed\/a\.ts →\s+db\/seed\/b\.ts →\s+db\/seed\/a\.ts/)
	expect(result.output).toMatch(
		/no-circular: tests\/one\.ts →\s+tests\/two\.ts →\s+tests\/three\.ts →\s+tests\/one\.ts/,
	)
})

test('app, server, db or shared importing tests or bench is caught', () => {
	const result = checkBoundaries({
		'app/bad.ts': "import '../tests/keep.ts'\n",
		'server/bad.ts': "import '../bench/keep.ts'\n",
		'db/bad.ts': "import '../tests/keep.ts'\n",
		'shared/bad.ts': "import '../bench/keep.ts'\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/shipped-code-imports-no-tests-or-bench: app\/bad\.ts → tests\/keep\.ts/)
	expect(result.output).toMatch(/shipped-code-imports-no-tests-or-bench: server\/bad\.ts → bench\/keep\.ts/)
	expect(result.output).toMatch(/shipped-code-imports-no-tests-or-bench: db\/bad\.ts → tests\/keep\.ts/)
	expect(result.output).toMatch(/shipped-code-imports-no-tests-or-bench: shared\/bad\.ts → bench\/keep\.ts/)
})

test('bench importing tests or app is caught', () => {
	const result = checkBoundaries({
		'bench/bad.ts': "import '../tests/keep.ts'\nimport '#app/keep.ts'\n",
	})
	expect(result.ok).toBe(false)
	expect(result.output).toMatch(/bench-imports-no-tests: bench\/bad\.ts → tests\/keep\.ts/)
	expect(result.output).toMatch(/bench-imports-no-app: bench\/bad\.ts → app\/keep\.ts/)
})

test('tests may import every folder; bench may import server, db and shared', () => {
	const result = checkBoundaries({
		'tests/uses-all.test.ts':
			"import '#app/keep.ts'\nimport '#server/internal.ts'\nimport '#db/keep.ts'\nimport '#shared/keep.ts'\nimport '../bench/keep.ts'\nimport './keep.ts'\n",
		'bench/uses-server.ts':
			"import '#server/internal.ts'\nimport '../db/keep.ts'\nimport '#shared/keep.ts'\n",
	})
	expect(result.output).toContain('no dependency violations')
	expect(result.ok).toBe(true)
})

test('two feature folders of server/ importing each other are caught; one way, or a root file, passes', () => {
	expect(runFolderCheck(ROOT).status).toBe(0)
	const result = checkBoundaries({
		'server/phases/advance.server.ts':
			"import { m } from '../milestones/milestones.server.ts'\nexport const a = m\n",
		'server/milestones/milestones.server.ts':
			"import { s } from '../phases/schedule.server.ts'\nexport const m = s\n",
		'server/phases/schedule.server.ts': "import { c } from '../context.server.ts'\nexport const s = c\n",
		'server/context.server.ts': "import { x } from './sections/x.server.ts'\nexport const c = x\n",
		'server/sections/x.server.ts': 'export const x = 1\n',
	})
	const folders = result.folders()
	expect(folders.status).toBe(1)
	expect(folders.output).toContain(
		'server/milestones ↔ server/phases: server/milestones/milestones.server.ts → server/phases/schedule.server.ts; server/phases/advance.server.ts → server/milestones/milestones.server.ts',
	)
	expect(folders.output).not.toMatch(/sections/)
})

/** Runs one of scripts/ on the project at `cwd`, as its npm script does. */
function runScript(script: string, cwd: string) {
	const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts', script), cwd], {
		encoding: 'utf8',
	})
	return { status: run.status, output: stripVTControlCharacters(run.stdout + run.stderr) }
}

/** A fixture project of `files`, deleted after the tests. */
function fixture(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'convene-check-'))
	fixtures.push(dir)
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
		writeFileSync(path.join(dir, file), text)
	}
	return dir
}

test('a URL built by hand in app/ is caught; href() patterns and comments pass', () => {
	expect(runScript('check-typed-urls.ts', ROOT).status).toBe(0)
	// The fixtures are source code as text: their `${…}` belong to the files written, not to this test.
	const dir = fixture({
		'app/good.tsx':
			// biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a fixture
			"import { href } from 'react-router'\n// a comment may say `/t/${slug}`\nexport const a = href('/t/:slug', { slug: 'x' })\n",
		'app/bad.tsx':
			// biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a fixture
			"export const b = (slug: string) => `/t/${slug}/members`\nexport const c = '/t/genai'\nexport const d = (id: string) => `/invite/${id}`\n",
	})
	const run = runScript('check-typed-urls.ts', dir)
	expect(run.status).toBe(1)
	expect(run.output).toContain('app/bad.tsx:1:')
	expect(run.output).toContain('app/bad.tsx:2:')
	expect(run.output).toContain('app/bad.tsx:3:')
	expect(run.output).not.toContain('good.tsx')
})

test('an export nobody imports is caught by check:unused (knip)', () => {
	const dir = fixture({
		'package.json': JSON.stringify({ name: 'fixture', type: 'module', private: true }),
		'knip.json': JSON.stringify({ entry: ['main.ts'], project: ['**/*.ts'] }),
		'main.ts': "import { used } from './lib.ts'\nconsole.log(used)\n",
		'lib.ts': 'export const used = 1\nexport const forgotten = 2\n',
	})
	const run = spawnSync(path.join(ROOT, 'node_modules/.bin/knip'), ['--no-progress'], {
		cwd: dir,
		encoding: 'utf8',
	})
	expect(run.status).toBe(1)
	expect(stripVTControlCharacters(run.stdout)).toMatch(/Unused exports[\s\S]*forgotten\s+lib\.ts/)
	expect(stripVTControlCharacters(run.stdout)).not.toMatch(/\bused\s+lib\.ts/)
})
