import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Flavor } from './client.ts'

/** The repository this bench lives in. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')
/** Where Convene is built and started from (a copy elsewhere keeps others' rebuilds out of a run). */
export const APP_ROOT = process.env.BENCH_APP_ROOT ?? REPO_ROOT

export type ServerKind = 'convene' | 'reference' | 'relay' | 'hocuspocus' | 'bare' | 'express' | 'framework'

export const FLAVOR: Record<ServerKind, Flavor> = {
	convene: 'yws',
	reference: 'yws',
	relay: 'relay',
	hocuspocus: 'hocuspocus',
	bare: 'relay', // speaks HTTP only
	express: 'relay', // speaks HTTP only
	framework: 'relay', // speaks HTTP only
}

export type Running = {
	kind: ServerKind
	port: number
	origin: string
	pid: number
	/** Data folder (Convene) or database file (Hocuspocus) when the server stores anything. */
	dataPath: string | null
	child: ChildProcess
	exited: () => boolean
	/** SIGTERM and wait. */
	stop: () => Promise<void>
	/** SIGKILL, as a crash would, and wait until the process is gone. */
	crash: () => Promise<void>
}

/** A port nobody listens on right now (the OS picks it). */
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

const LOG_DIR = mkdtempSync(path.join(tmpdir(), 'convene-bench-logs-'))

export type StartOptions = {
	port?: number
	dataPath?: string
	/** Extra Node flags placed before everything else (e.g. a preloaded probe, `--expose-gc`). */
	nodeArgs?: string[]
	env?: Record<string, string>
}

/** Starts one server kind in its own child process on loopback and waits until it answers. */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<Running> {
	const port = options.port ?? (await freePort())
	const log = openSync(path.join(LOG_DIR, `${kind}-${port}.log`), 'a')
	let dataPath: string | null = options.dataPath ?? null
	let args: string[]
	let env: Record<string, string | undefined> = { ...process.env, PORT: String(port) }
	let cwd = REPO_ROOT
	if (kind === 'convene' || kind === 'framework') {
		dataPath ??= mkdtempSync(path.join(tmpdir(), 'convene-bench-'))
		args = [
			'--import',
			'tsx',
			kind === 'convene' ? 'server/main.ts' : path.join(REPO_ROOT, 'bench/servers/framework.ts'),
		]
		// BENCH_CPU_PROF_DIR=… writes a V8 CPU profile of each Convene server when it stops.
		if (process.env.BENCH_CPU_PROF_DIR)
			args.unshift(
				'--cpu-prof',
				'--cpu-prof-interval=100',
				`--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`,
			)
		cwd = APP_ROOT
		env = { ...env, NODE_ENV: 'production', DATA_DIR: dataPath, CONVENE_SEED: 'demo' }
	} else {
		if (kind === 'hocuspocus') {
			dataPath ??= path.join(mkdtempSync(path.join(tmpdir(), 'hocuspocus-bench-')), 'hocuspocus.db')
			env.HOCUSPOCUS_DB = dataPath
		}
		args = ['--import', 'tsx', path.join(REPO_ROOT, 'bench/servers', `${kind}.ts`)]
	}
	args.unshift(...(options.nodeArgs ?? []))
	env = { ...env, ...options.env }
	const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', log, log] })
	const origin = `http://127.0.0.1:${port}`
	const health = kind === 'convene' || kind === 'framework' ? `${origin}/healthz` : origin
	const deadline = Date.now() + 60_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}: see ${LOG_DIR}`)
		try {
			if ((await fetch(health)).ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${kind} did not answer in 60 s: see ${LOG_DIR}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	const exited = () => child.exitCode !== null || child.signalCode !== null
	const waitExit = () =>
		exited() ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))
	return {
		kind,
		port,
		origin,
		pid: child.pid as number,
		dataPath,
		child,
		exited,
		async stop() {
			if (exited()) return
			const gone = waitExit()
			child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
			await gone
			clearTimeout(timer)
		},
		async crash() {
			if (exited()) return
			const gone = waitExit()
			child.kill('SIGKILL')
			await gone
		},
	}
}

/** Removes what a server stored (its data folder or database file's folder). */
export function removeData(running: Running): void {
	if (!running.dataPath) return
	const target = running.kind === 'hocuspocus' ? path.dirname(running.dataPath) : running.dataPath
	rmSync(target, { recursive: true, force: true })
}

/** Signs in through `POST /login` (with our Origin) and returns the `name=value` session cookie. */
export async function signIn(origin: string, email: string, password = 'demo-password'): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
		body: new URLSearchParams({ email, password }),
	})
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('convene_session='))
	if (response.status !== 303 || !cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`)
	return cookie.split(';')[0] as string
}

/** The section the demo's writers share. */
export const DEMO_SECTION = 'Community engagement and transparency'

/** Reads a seeded section's id from Convene's database. */
export function sectionId(dataDir: string, title = DEMO_SECTION): string {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const row = db.prepare('select id from sections where title = ?').get(title) as { id: string } | undefined
		if (!row) throw new Error(`no section titled ${title}`)
		return row.id
	} finally {
		db.close()
	}
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
		return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks
	} catch {
		return Number.NaN
	}
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		const match = /VmRSS:\s+(\d+) kB/.exec(status)
		return match ? Number(match[1]) / 1024 : Number.NaN
	} catch {
		return Number.NaN
	}
}

/** Where the servers' logs of this run are. */
export const logDir = LOG_DIR
