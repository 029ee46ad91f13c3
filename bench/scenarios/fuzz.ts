import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { BenchClient, nowMs } from '../lib/client.ts'
import { FuzzConnection, type Outcome } from '../lib/fuzz-connection.ts'
import { FRAME_KINDS, frameSource } from '../lib/fuzz-frames.ts'
import { type Running, signIn, startServer } from '../lib/servers.ts'
import { summarize } from '../lib/stats.ts'

export type FuzzResult = {
	frames: number
	framesPerSec: number
	crashes: number
	/** Handler exceptions the server caught (it closes with 4500 and logs): bugs, though not crashes. */
	internalErrors: number
	/** Frames the server refused (closed the socket) whose content nonetheless reached the database. */
	persistedFromBad: number
	/** Stored changes made through read-only connections (rows, or their marker in the text). */
	readOnlyBypasses: number
	/** Probes that got neither an answer nor a close in 10 s. */
	stalls: number
	/** Lane sections whose stored rows a fresh Y.Doc cannot load, with the first row that fails. */
	unloadable: Array<{ section: string; error: string; row: { seq: number; hex: string } | null }>
	/** Lane sections the restarted server would not open (it closes with 4500 when loading fails). */
	refusedAfterRestart: number
	byKind: Record<string, { sent: number; refused: number }>
	closeCodes: Record<string, number>
	honest: { p50: number; p99: number; max: number; delivered: number; expected: number }
}

const RO_MARKER = 'ROBYPASS'

/** Sections of the demo task force: one for honest editors, the rest for fuzz lanes. */
function demoSections(dataDir: string): string[] {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const rows = db
			.prepare(
				`select s.id from sections s join documents d on d.id = s.document_id
				 join task_forces t on t.id = d.task_force_id where t.slug = 'genai' order by s.position`,
			)
			.all() as Array<{ id: string }>
		return rows.map((row) => row.id)
	} finally {
		db.close()
	}
}

/**
 * Sends `frames` hostile frames at Convene over several lanes (one section each, a co-chair's
 * write connection and an observer's read-only one), one frame at a time per lane so every
 * outcome is attributable; meanwhile two honest editors on another section measure latency.
 */
export async function runFuzz(
	first: Running,
	frames: number,
	options: {
		lanes?: number
		seed?: number
		log?: (line: string) => void
		/** Told about the server restarted at the end (the caller stops that one). */
		onServer?: (server: Running) => void
	} = {},
): Promise<FuzzResult> {
	let server = first
	const dataDir = server.dataPath as string
	const sections = demoSections(dataDir)
	const honestSection = sections[0] as string
	const laneSections = sections.slice(1, 1 + (options.lanes ?? 4))
	const writer = await signIn(server.origin, 'cochair@demo.test')
	const observer = await signIn(server.origin, 'observer@demo.test')
	const honestCookie = await signIn(server.origin, 'cochair@demo.test')
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	const highWater = db.prepare(
		`select max(s) as hw from (select seq as s from doc_snapshots where doc_id = @id
		 union all select max(seq) from doc_updates where doc_id = @id)`,
	)
	const hw = (section: string) => (highWater.get({ id: section }) as { hw: number | null }).hw ?? 0

	let crashes = 0
	let restarting: Promise<void> | null = null
	const ensureServer = async () => {
		if (!server.exited()) return
		restarting ??= (async () => {
			crashes++
			options.log?.(`fuzz: the server died; restarting (${crashes})`)
			server = await startServer('convene', { port: server.port, dataPath: dataDir })
		})().finally(() => {
			restarting = null
		})
		await restarting
	}
	const urlFor = (section: string) => `${server.origin.replace('http', 'ws')}/collab/${section}`
	const headers = (cookie: string) => ({ Origin: server.origin, Cookie: cookie })

	const byKind: FuzzResult['byKind'] = Object.fromEntries(
		FRAME_KINDS.map((k) => [k, { sent: 0, refused: 0 }]),
	)
	const closeCodes: Record<string, number> = {}
	let persistedFromBad = 0
	let readOnlyBypasses = 0
	let stalls = 0

	// Honest editors: one types, the other receives; latency from send to receipt.
	const honestSent = new Map<number, number>()
	const honestLatencies: number[] = []
	const honestA = new BenchClient({
		url: urlFor(honestSection),
		headers: headers(honestCookie),
		flavor: 'yws',
		docName: honestSection,
		full: true,
		clientId: 1_500_000_000 + Math.floor(Math.random() * 1_000_000),
	})
	const honestB = new BenchClient({
		url: urlFor(honestSection),
		headers: headers(honestCookie),
		flavor: 'yws',
		docName: honestSection,
		full: false,
		onUpdate: (update, at) => {
			const meta = Y.parseUpdateMeta(update)
			const to = meta.to.get(honestA.doc?.clientID ?? -1)
			if (to === undefined) return
			for (let clock = meta.from.get(honestA.doc?.clientID ?? -1) ?? to; clock < to; clock++) {
				const sent = honestSent.get(clock)
				if (sent !== undefined) {
					honestLatencies.push(at - sent)
					honestSent.delete(clock)
				}
			}
		},
	})
	await Promise.all([honestA.synced, honestB.synced])
	let honestExpected = 0
	const honestTimer = setInterval(() => {
		if (honestA.ws.readyState !== honestA.ws.OPEN) return
		honestSent.set(honestA.clock(), nowMs())
		honestExpected++
		honestA.type('a')
	}, 200)

	const started = nowMs()
	const perLane = Math.ceil(frames / laneSections.length)
	const lane = async (section: string, index: number) => {
		const seed = (options.seed ?? 687) * 1000 + index
		const sources = { write: frameSource(seed, 'fuzz'), read: frameSource(seed + 500, RO_MARKER) }
		const conns: Record<'write' | 'read', FuzzConnection | null> = { write: null, read: null }
		const connect = async (role: 'write' | 'read') => {
			for (let attempt = 0; attempt < 20; attempt++) {
				await ensureServer()
				const conn = await FuzzConnection.open(urlFor(section), headers(role === 'write' ? writer : observer))
				if (conn) return conn
				await new Promise((resolve) => setTimeout(resolve, 100))
			}
			throw new Error(`fuzz lane ${index} could not connect as ${role}`)
		}
		for (let i = 0; i < perLane && index * perLane + i < frames; i++) {
			const role = Math.random() < 0.25 ? 'read' : 'write'
			// Past ~300 messages a connection nears its rate limit: start a fresh one instead.
			if (!conns[role] || conns[role].closedWith !== null || conns[role].messages > 300) {
				conns[role]?.close()
				conns[role] = await connect(role)
			}
			const conn = conns[role] as FuzzConnection
			const frame = sources[role]()
			const before = hw(section)
			const counts = byKind[frame.kind] as { sent: number; refused: number }
			counts.sent++
			const outcome: Outcome = await conn.probe(frame.bytes)
			if (!outcome.accepted) {
				if (outcome.code === 'timeout') stalls++
				closeCodes[String(outcome.code)] = (closeCodes[String(outcome.code)] ?? 0) + 1
				counts.refused++
				conn.close()
				// A fresh connection's sync answers only after any commit: then the store is settled.
				conns[role] = await connect(role)
				if (hw(section) !== before) persistedFromBad++
			}
			if (role === 'read' && hw(section) !== before) readOnlyBypasses++
		}
		conns.write?.close()
		conns.read?.close()
	}
	await Promise.all(laneSections.map((section, index) => lane(section, index)))
	const elapsed = (nowMs() - started) / 1000
	clearInterval(honestTimer)
	await new Promise((resolve) => setTimeout(resolve, 500))
	honestA.close()
	honestB.close()
	await ensureServer()

	// Authoritative read-only checks: no stored row by the observer, no marker in any stored text.
	const observerId = (
		db.prepare(`select id from users where email = 'observer@demo.test'`).get() as { id: string }
	).id
	readOnlyBypasses = Math.max(
		readOnlyBypasses,
		(db.prepare('select count(*) as n from doc_updates where user_id = ?').get(observerId) as { n: number })
			.n,
	)
	// A section whose stored rows no longer load is lost to its writers: count those, by reading
	// the rows as a fresh document would and by asking the restarted server for each section.
	const unloadable: FuzzResult['unloadable'] = []
	for (const section of laneSections) {
		try {
			if (storedText(db, section).includes(RO_MARKER)) readOnlyBypasses++
		} catch (error) {
			unloadable.push({ section, error: (error as Error).message, row: firstBadRow(db, section) })
		}
	}
	db.close()
	const internalErrors = await countInternalErrors(server.origin)
	await server.stop()
	server = await startServer('convene', { port: server.port, dataPath: dataDir })
	let refusedAfterRestart = 0
	for (const section of laneSections) {
		const conn = await FuzzConnection.open(urlFor(section), headers(writer))
		if (conn) conn.close()
		else refusedAfterRestart++
	}
	options.onServer?.(server)
	const honest = summarize(honestLatencies)
	return {
		frames,
		unloadable,
		refusedAfterRestart,
		framesPerSec: frames / elapsed,
		crashes,
		internalErrors,
		persistedFromBad,
		readOnlyBypasses,
		stalls,
		byKind,
		closeCodes,
		honest: {
			p50: honest.p50,
			p99: honest.p99,
			max: honest.max,
			delivered: honestLatencies.length,
			expected: honestExpected,
		},
	}
}

/** The stored text of a section: snapshot, then the log. */
export function storedText(db: Database.Database, section: string): string {
	const doc = new Y.Doc()
	const snapshot = db.prepare('select state from doc_snapshots where doc_id = ?').get(section) as
		| { state: Buffer }
		| undefined
	if (snapshot) Y.applyUpdate(doc, snapshot.state)
	for (const row of db
		.prepare('select data from doc_updates where doc_id = ? order by seq')
		.all(section) as Array<{
		data: Buffer
	}>) {
		Y.applyUpdate(doc, row.data)
	}
	return doc.getXmlFragment('default').toString()
}

/** Caught handler failures since start, from the loopback-only `/metrics`. */
async function countInternalErrors(origin: string): Promise<number> {
	try {
		const text = await (await fetch(`${origin}/metrics`)).text()
		const match = /rejections_total\{reason="internal_error"\} (\d+)/.exec(text)
		return match ? Number(match[1]) : 0
	} catch {
		return Number.NaN
	}
}

/** The first stored row of a section that fails to apply on top of the ones before it. */
function firstBadRow(db: Database.Database, section: string): { seq: number; hex: string } | null {
	const doc = new Y.Doc()
	const snapshot = db.prepare('select state from doc_snapshots where doc_id = ?').get(section) as
		| { state: Buffer }
		| undefined
	try {
		if (snapshot) Y.applyUpdate(doc, snapshot.state)
	} catch {
		return { seq: 0, hex: 'snapshot' }
	}
	for (const row of db
		.prepare('select seq, data from doc_updates where doc_id = ? order by seq')
		.all(section) as Array<{
		seq: number
		data: Buffer
	}>) {
		try {
			Y.applyUpdate(doc, row.data)
		} catch {
			return { seq: row.seq, hex: row.data.toString('hex').slice(0, 400) }
		}
	}
	return null
}
