/**
 * The import boundaries of docs/architecture.md, checked by `npm run check:boundaries`:
 *   app → server (*.server.ts only), shared;  server → db, shared;  db → shared;  shared → nothing;
 *   server/main.ts → only config, logger and http/ of server/ (the rest comes from the bundle).
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
