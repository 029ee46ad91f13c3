import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * Runs a bench script (path from the repository root) in its own Node process, so a load generator
 * never shares an event loop with the orchestrator: the configuration goes in as JSON on stdin,
 * the result comes back as JSON on the last line of stdout.
 */
export function runJsonChild<T>(script: string, config: unknown, what: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script)], {
			stdio: ['pipe', 'pipe', 'pipe'],
		})
		let out = ''
		let err = ''
		child.stdout.on('data', (chunk) => {
			out += chunk
		})
		child.stderr.on('data', (chunk) => {
			err += chunk
		})
		child.on('exit', (code) => {
			const last = out.trim().split('\n').pop() ?? ''
			if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T)
			else reject(new Error(`${what} failed (${code}): ${err.slice(0, 2000)}`))
		})
		child.stdin.end(JSON.stringify(config))
	})
}

/**
 * The other side of `runJsonChild`, for a script run as a process (`import.meta.filename` is the
 * entry point): reads the configuration from stdin, runs `work`, prints its result and exits.
 */
export function serveJsonChild<C, T>(filename: string, work: (config: C) => Promise<T>): void {
	if (!process.argv[1] || filename !== process.argv[1]) return
	work(JSON.parse(readFileSync(0, 'utf8')) as C).then(
		(result) => {
			process.stdout.write(`${JSON.stringify(result)}\n`)
			process.exit(0)
		},
		(error) => {
			process.stderr.write(`${(error as Error).stack}\n`)
			process.exit(1)
		},
	)
}
