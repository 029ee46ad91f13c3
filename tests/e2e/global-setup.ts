import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { ensureChromium } from './chromium.ts'

/** Browser tests run against the production build: build it once, and make sure Chromium is here. */
export default function setup() {
	ensureChromium()
	const root = path.resolve(import.meta.dirname, '../..')
	// As `npm run build` makes it: vitest sets NODE_ENV=test, which Vite would keep, bundling React's
	// development build into the browser's scripts.
	execFileSync('npx', ['react-router', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
}
