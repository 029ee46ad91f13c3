import { readFileSync } from 'node:fs'
import { reactRouter } from '@react-router/dev/vite'
import { defineConfig, type Plugin } from 'vite'

/**
 * Worker threads of server modules, plain JavaScript loaded by `new Worker(new URL('./x.mjs',
 * import.meta.url))`. The server bundle flattens modules into build/server/, so each is copied there
 * under its own name, where the bundled `import.meta.url` finds it.
 */
const SERVER_WORKERS = ['server/collab/load-back-worker.mjs', 'server/collab/section-load-worker.mjs']

function serverWorkers(): Plugin {
	return {
		name: 'convene-server-workers',
		applyToEnvironment: (environment) => environment.name === 'ssr',
		generateBundle() {
			for (const file of SERVER_WORKERS) {
				const fileName = file.slice(file.lastIndexOf('/') + 1)
				this.emitFile({ type: 'asset', fileName, source: readFileSync(file, 'utf8') })
			}
		},
	}
}

export default defineConfig(({ isSsrBuild }) => ({
	// The server bundle's entry is our own app module, so the production build holds the request
	// handler, the database client and the policies in one module graph (one instance of each).
	build: isSsrBuild ? { rollupOptions: { input: './server/app.ts' } } : {},
	plugins: [reactRouter(), serverWorkers()],
	optimizeDeps: {
		// Pre-bundled up front: discovered late, Vite re-optimises and reloads the page mid-session.
		include: [
			'yjs',
			'y-websocket',
			'y-indexeddb',
			'y-protocols/awareness',
			'lib0/decoding',
			'lib0/encoding',
			'@tiptap/react',
			'@tiptap/starter-kit',
			'@tiptap/extension-collaboration',
			'@tiptap/extension-collaboration-caret',
			'@tiptap/extension-table',
			'@tiptap/y-tiptap',
		],
	},
}))
