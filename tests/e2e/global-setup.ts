import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { ensureChromium } from './chromium.ts'

/** Browser tests run against the production build: build it once, and make sure Chromium is here. */
export default function setup() {
	ensureChromium()
	const root = path.resolve(import.meta.dirname, '../..')
	execFileSync('npx', ['react-router', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}
