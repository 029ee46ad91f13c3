/**
 * The import boundaries of docs/architecture.md, checked by `npm run check:boundaries`
 * (which cruises app server db shared tests bench):
 *   app → server (*.server.ts only), shared — never db/ (it reaches data through server/);
 *   server → db, shared;  db → shared;  shared → nothing;
 *   server/main.ts → only config, logger and http/ of server/ (the rest comes from the bundle);
 *   no import cycles anywhere, type-only imports included.
 * tests/ and bench/ are checked too. tests/ may import every folder (each layer has its tests,
 * and the bench's helpers have theirs). bench/ drives the server as a client does and times a few
 * server/ and db/ functions directly, so it may import server/, db/ and shared/, but not tests/
 * (a benchmark must not depend on test fixtures; the tests import the bench, not the reverse) and
 * not app/ (UI code would drag React and browser-only modules into the benchmark's Node process).
 * Nothing that ships — app/, server/, db/, shared/ — may import tests/ or bench/.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
	forbidden: [
		{
			name: 'shared-imports-nothing-of-ours',
			comment: 'shared/ runs in the browser and the server alike: it may not import app/, server/ or db/.',
			severity: 'error',
			from: { path: '^shared/' },
			to: { path: '^(app|server|db)/' },
		},
		{
			name: 'shared-uses-no-node-builtins',
			comment: 'shared/ runs in the browser: no Node built-ins (node:fs, crypto, path, ...).',
			severity: 'error',
			from: { path: '^shared/' },
			to: { dependencyTypes: ['core'] },
		},
		{
			name: 'db-imports-no-server-or-app',
			comment: 'db/ sits below server/ and app/: it may import shared/ only.',
			severity: 'error',
			from: { path: '^db/' },
			to: { path: '^(server|app)/' },
		},
		{
			name: 'app-imports-server-only-through-dot-server',
			comment:
				'app/ may import server/ modules named *.server.ts, which React Router keeps out of the browser bundle.',
			severity: 'error',
			from: { path: '^app/' },
			to: { path: '^server/', pathNot: '\\.server\\.tsx?$' },
		},
		{
			name: 'main-takes-stateful-code-from-the-bundle',
			comment:
				'server/main.ts gets the collaboration server, sessions, policies and every other stateful or deciding module from the server bundle (app.ts), never from source: one instance of each (ADR 001). It may import config, logger and the stateless http/ plumbing.',
			severity: 'error',
			from: { path: '^server/main\\.ts$' },
			to: {
				path: '^server/',
				pathNot: '^server/(config|logger)\\.server\\.ts$|^server/http/',
				dependencyTypesNot: ['type-only', 'type-import'],
			},
		},
		{
			name: 'server-imports-no-app',
			comment: 'server/ must not depend on the UI.',
			severity: 'error',
			from: { path: '^server/' },
			to: { path: '^app/' },
		},
		{
			name: 'app-imports-no-db',
			comment:
				'app/ reaches data only through server/*.server.ts (queries, policies, operations), never db/ directly, types included.',
			severity: 'error',
			from: { path: '^app/' },
			to: { path: '^db/' },
		},
		{
			name: 'no-circular',
			comment:
				'No import cycles, type-only ones included: a cycle makes module order decide what is initialised, and it is usually a module doing two jobs.',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		{
			name: 'shipped-code-imports-no-tests-or-bench',
			comment:
				'app/, server/, db/ and shared/ are what runs in production: they may not import tests/ or bench/.',
			severity: 'error',
			from: { path: '^(app|server|db|shared)/' },
			to: { path: '^(tests|bench)/' },
		},
		{
			name: 'bench-imports-no-tests',
			comment: 'A benchmark does not depend on test code; tests may import the bench, not the reverse.',
			severity: 'error',
			from: { path: '^bench/' },
			to: { path: '^tests/' },
		},
		{
			name: 'bench-imports-no-app',
			comment:
				'bench/ measures the server from outside and a few server/ and db/ functions directly; UI code would bring React and browser-only modules into it.',
			severity: 'error',
			from: { path: '^bench/' },
			to: { path: '^app/' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(^|/)\\.react-router/|\\+types/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
		},
	},
}
