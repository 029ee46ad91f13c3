import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.unref()
		probe.on('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
		})
	})
}

export type RunningServer = {
	origin: string
	dataDir: string
	process: ChildProcess
	output: () => string
	stop: () => Promise<number | null>
	/** Kills the process with SIGKILL, as a crash would, and waits for it to be gone. */
	crash: () => Promise<void>
}

/**
 * Starts the real production server (`build/` must exist; the e2e setup builds it) on a free port
 * with a fresh data folder, and waits until `/healthz` answers.
 */
export async function startServer(
	env: Record<string, string> = {},
	options: { dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
	const port = options.port ?? (await freePort())
	// A given data folder belongs to the caller (e.g. a restart after a crash) and is kept.
	const ownsData = options.dataDir === undefined
	const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'convene-e2e-'))
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout?.on('data', (chunk) => {
		output += chunk
	})
	child.stderr?.on('data', (chunk) => {
		output += chunk
	})
	const origin = `http://localhost:${port}`
	const deadline = Date.now() + 60_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
		try {
			const response = await fetch(`${origin}/healthz`)
			if (response.ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not become healthy in 60 s:\n${output}`)
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
	return {
		origin,
		dataDir,
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
				child.kill('SIGTERM')
				await exited
			}
			if (ownsData) rmSync(dataDir, { recursive: true, force: true })
			return child.exitCode
		},
		async crash() {
			if (child.exitCode !== null || child.signalCode !== null) return
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
			child.kill('SIGKILL')
			await exited
		},
	}
}
