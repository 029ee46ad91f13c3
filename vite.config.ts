import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

export default defineConfig(({ isSsrBuild }) => ({
	// The server bundle's entry is our own app module, so the production build holds the request
	// handler, the database client and the policies in one module graph (one instance of each).
	build: isSsrBuild ? { rollupOptions: { input: './server/app.ts' } } : {},
	plugins: [reactRouter()],
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
