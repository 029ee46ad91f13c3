import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/**
 * The path of a Chromium for the browser tests. On a fresh machine of ours (root, Debian, apt) it
 * installs Debian's `chromium` package, saying so; anywhere else it fails with the one thing to do.
 * Playwright's own browser download cannot work here, so it is never attempted.
 */
export function ensureChromium(): string {
	const fromEnv = process.env.CHROMIUM_PATH
	if (fromEnv) {
		if (existsSync(fromEnv)) return fromEnv
		throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`)
	}
	const found = CANDIDATES.find((path) => existsSync(path))
	if (found) return found
	const isRoot = process.getuid?.() === 0
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		process.stderr.write(
			'Browser tests: Chromium is missing; installing Debian package "chromium" with apt-get…\n',
		)
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
		const installed = CANDIDATES.find((path) => existsSync(path))
		if (installed) return installed
	}
	throw new Error(
		'Browser tests need Chromium: run `sudo apt-get install chromium` (or set CHROMIUM_PATH to a Chromium binary).',
	)
}

/**
 * poppler's `pdfinfo` and `pdftotext`, the independent readers of our PDFs: installed like Chromium
 * on a fresh machine of ours, else a failure that says what to install.
 */
export function ensurePoppler(): void {
	if (existsSync('/usr/bin/pdfinfo')) return
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		process.stderr.write('PDF tests: poppler-utils is missing; installing it with apt-get…\n')
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
		execFileSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { stdio: 'inherit', env })
		if (existsSync('/usr/bin/pdfinfo')) return
	}
	throw new Error('The PDF tests need poppler: run `sudo apt-get install poppler-utils`.')
}

export { CHROMIUM_ARGS } from '../../bench/lib/chromium-args.ts'
