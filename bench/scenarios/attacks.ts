import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { nowMs } from '../lib/client.ts'
import { addSections, seededDataDir } from '../lib/convene-sections.ts'
import { cachedTrace } from '../lib/documents.ts'
import { type Running, removeData, signIn, startServer } from '../lib/servers.ts'
import { HealthWatch } from './health-watch.ts'

/** One attack of issue #11's kinds, and how `/healthz` fared meanwhile. */
export type AttackResult = {
	kind: string
	/** What was sent, in words. */
	attack: string
	/** What the server did about it, in words (status codes, close codes, what was stored). */
	outcome: string
	/** Whether the attack got what it wanted (stored, shown, or a socket past the cap). */
	succeeded: boolean
	seconds: number
	health: { answers: number; longestGapMs: number; outagesOver1s: number }
}

const MB = 1e6

/**
 * The attack kinds issue #11 found, each against a running Convene while `/healthz` is asked every
 * 50 ms: oversized bodies, repeated sync step 1 from read-only sockets on an 8 MB section, a socket
 * flood from one session, a deeply nested document structure, and awareness for another person.
 */
export async function runAttacks(options: { log?: (line: string) => void } = {}): Promise<AttackResult[]> {
	const log = options.log ?? (() => {})
	const dataDir = await seededDataDir()
	const big = cachedTrace(8 * 2 ** 20, 11, 0)
	const [bigSection, plainSection] = addSections(dataDir, [
		{ title: 'Attack: an 8 MB section', snapshot: big.state },
		{ title: 'Attack: a section to nest and spoof in' },
	]) as [string, string]
	const server = await startServer('convene', { dataPath: dataDir })
	const results: AttackResult[] = []
	try {
		const observer = await signIn(server.origin, 'observer@demo.test')
		const cochair = await signIn(server.origin, 'cochair@demo.test')
		const writer = await signIn(server.origin, 'writer@demo.test')
		const attacks: Array<[string, string, () => Promise<{ outcome: string; succeeded: boolean }>]> = [
			[
				'oversized bodies',
				'3 anonymous 150 MB POSTs to /login at once (2 with Content-Length, 1 chunked)',
				() => oversizedBodies(server, 3, 150 * MB),
			],
			[
				'opening the 8 MB section',
				'not an attack: one observer opens the section while no one has it open (the cold load issue #16 owns), so the next row measures the repeated asks alone',
				() => openOnce(server, observer, bigSection),
			],
			[
				'repeated sync step 1',
				'100 observer sockets × 3 sync step 1s on an 8 MB section, never reading',
				() => repeatedSyncStep1(server, observer, bigSection, 100, 3),
			],
			[
				'socket flood',
				'one observer session opens 3,000 sockets, 100 at a time',
				() => socketFlood(server, observer, plainSection, 3_000, 100),
			],
			[
				'nested structure',
				"a writer's update of 20,000 nested blockquotes",
				() => nestedStructure(server, cochair, dataDir, plainSection, 20_000),
			],
			[
				'awareness for another person',
				"an observer sends presence as the co-chair with a writer's client id, then leaves",
				() => spoofedAwareness(server, { observer, writer }, plainSection),
			],
		]
		for (const [kind, attack, run] of attacks) {
			const watch = new HealthWatch(server.origin)
			const started = nowMs()
			const { outcome, succeeded } = await run()
			await new Promise((resolve) => setTimeout(resolve, 500))
			const health = await watch.stop()
			const seconds = (nowMs() - started) / 1000
			results.push({ kind, attack, outcome, succeeded, seconds, health })
			log(
				`attack ${kind}: ${outcome}; /healthz longest gap ${Math.round(health.longestGapMs)} ms, ${health.outagesOver1s} outages > 1 s`,
			)
			if (server.exited()) throw new Error(`the server died during the ${kind} attack`)
		}
	} finally {
		await server.stop()
		removeData(server)
	}
	return results
}

/** POSTs `bytes` of form body at once from `count` clients; the server should answer 413 early. */
async function oversizedBodies(server: Running, count: number, bytes: number) {
	const chunk = Buffer.alloc(64 * 1024, 'a')
	const one = (chunked: boolean) =>
		new Promise<{ status: number | string; sent: number }>((resolve) => {
			let sent = 0
			let done = false
			const finish = (status: number | string) => {
				if (done) return
				done = true
				request.destroy()
				resolve({ status, sent })
			}
			const request = http.request(`${server.origin}/login`, {
				method: 'POST',
				headers: {
					Origin: server.origin,
					'Content-Type': 'application/x-www-form-urlencoded',
					...(chunked ? {} : { 'Content-Length': String(bytes) }),
				},
			})
			request.on('response', (response) => {
				response.resume()
				finish(response.statusCode ?? 0)
			})
			request.on('error', (error) => finish((error as NodeJS.ErrnoException).code ?? 'error'))
			const pump = () => {
				while (!done && sent < bytes) {
					sent += chunk.byteLength
					if (!request.write(chunk)) return void request.once('drain', pump)
				}
				if (!done) request.end()
			}
			request.write('email=a%40b.test&password=')
			pump()
		})
	const answers = await Promise.all(Array.from({ length: count }, (_, i) => one(i === count - 1)))
	const statuses = answers.map((answer) => answer.status).join(', ')
	const sentMb = Math.max(...answers.map((answer) => answer.sent)) / MB
	return {
		outcome: `answered ${statuses}; at most ${sentMb.toFixed(1)} MB sent before the answer`,
		succeeded: answers.some((answer) => answer.status !== 413),
	}
}

function syncStep1(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, 0)
	encoding.writeVarUint(encoder, 0)
	encoding.writeVarUint8Array(encoder, stateVector)
	return encoding.toUint8Array(encoder)
}

function socketTo(server: Running, cookie: string, section: string): WebSocket {
	const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/collab/${section}`, {
		headers: { Origin: server.origin, Cookie: cookie },
		perMessageDeflate: false,
		maxPayload: 256 * 2 ** 20,
	})
	ws.on('error', () => {})
	return ws
}

/** How a socket ended: its close code, or the HTTP status of a refused upgrade. */
function ending(ws: WebSocket, timeoutMs: number): Promise<string> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve('open'), timeoutMs)
		ws.on('unexpected-response', (_request, response) => {
			clearTimeout(timer)
			resolve(`HTTP ${response.statusCode}`)
		})
		ws.on('close', (code) => {
			clearTimeout(timer)
			resolve(String(code))
		})
	})
}

function tally(items: string[]): string {
	const counts = new Map<string, number>()
	for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
	return [...counts].map(([item, n]) => `${n} × ${item}`).join(', ')
}

/** One reader asks for the whole section and waits for the answer, as a new tab does. */
async function openOnce(server: Running, cookie: string, section: string) {
	const ws = socketTo(server, cookie, section)
	const started = nowMs()
	const answered = new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no sync answer within 30 s')), 30_000)
		ws.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data))
			if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) {
				clearTimeout(timer)
				resolve(data.byteLength)
			}
		})
	})
	ws.on('open', () => ws.send(syncStep1()))
	const bytes = await answered
	const ms = nowMs() - started
	ws.close()
	return { outcome: `answered ${(bytes / MB).toFixed(1)} MB in ${Math.round(ms)} ms`, succeeded: false }
}

/** Read-only sockets that ask for the whole section again and again and never read the answers. */
async function repeatedSyncStep1(
	server: Running,
	cookie: string,
	section: string,
	sockets: number,
	asks: number,
) {
	const all = Array.from({ length: sockets }, () => socketTo(server, cookie, section))
	const endings = all.map((ws) => ending(ws, 20_000))
	for (const ws of all) {
		ws.on('open', () => {
			// Stop reading: the server's answers pile up in its send buffer, as a slow attacker's would.
			;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
			for (let i = 0; i < asks; i++) ws.send(syncStep1())
		})
	}
	// Read again after a while, to hear how the server ended each socket.
	await new Promise((resolve) => setTimeout(resolve, 3_000))
	for (const ws of all) (ws as unknown as { _socket?: { resume(): void } })._socket?.resume()
	const codes = await Promise.all(endings)
	for (const ws of all) ws.terminate()
	return { outcome: `sockets ended: ${tally(codes)}`, succeeded: false }
}

/** One session opening sockets until the server refuses; `cap` sockets at most in flight. */
async function socketFlood(
	server: Running,
	cookie: string,
	section: string,
	total: number,
	concurrency: number,
) {
	const open: WebSocket[] = []
	const refusals: string[] = []
	let accepted = 0
	for (let start = 0; start < total; start += concurrency) {
		const batch = Array.from({ length: Math.min(concurrency, total - start) }, () =>
			socketTo(server, cookie, section),
		)
		const states = await Promise.all(
			batch.map(
				(ws) =>
					new Promise<string>((resolve) => {
						ws.on('open', () => {
							// An accepted socket that is then closed by a cap still counts as refused.
							setTimeout(() => resolve(ws.readyState === WebSocket.OPEN ? 'open' : 'closed'), 200)
						})
						ending(ws, 10_000).then(resolve)
					}),
			),
		)
		batch.forEach((ws, i) => {
			if (states[i] === 'open') {
				accepted++
				open.push(ws)
			} else refusals.push(states[i] as string)
		})
	}
	for (const ws of open) ws.terminate()
	return {
		outcome: `${accepted} of ${total} accepted; refused: ${tally(refusals) || 'none'}`,
		succeeded: accepted > 20,
	}
}

/** The highest stored sequence number of a section (snapshot or log). */
function highWater(dataDir: string, section: string): number {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const row = db
			.prepare(
				`select max(s) as hw from (select seq as s from doc_snapshots where doc_id = @id
				 union all select max(seq) from doc_updates where doc_id = @id)`,
			)
			.get({ id: section }) as { hw: number | null }
		return row.hw ?? 0
	} finally {
		db.close()
	}
}

/** A writer's update that nests `depth` blockquotes around one paragraph, appended to the section. */
async function nestedStructure(
	server: Running,
	cookie: string,
	dataDir: string,
	section: string,
	depth: number,
) {
	// Each level is inserted into the one already in the document: a nested preliminary element
	// would integrate recursively and overflow this side's stack first.
	const doc = new Y.Doc()
	doc.transact(() => {
		let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('default')
		for (let i = 0; i < depth; i++) {
			const child: Y.XmlElement = new Y.XmlElement('blockquote')
			parent.insert(0, [child])
			parent = child
		}
		const paragraph = new Y.XmlElement('paragraph')
		parent.insert(0, [paragraph])
		paragraph.insert(0, [new Y.XmlText('deep')])
	})
	const update = Y.encodeStateAsUpdate(doc)
	const before = highWater(dataDir, section)
	const ws = socketTo(server, cookie, section)
	const end = ending(ws, 5_000)
	await new Promise((resolve) => ws.once('open', resolve))
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, 0)
	encoding.writeVarUint(encoder, 2)
	encoding.writeVarUint8Array(encoder, update)
	ws.send(encoding.toUint8Array(encoder))
	const code = await end
	ws.terminate()
	const stored = highWater(dataDir, section) !== before
	return {
		outcome: `socket ${code === 'open' ? 'left open' : `closed ${code}`}; ${stored ? 'STORED' : 'nothing stored'}`,
		succeeded: stored,
	}
}

/** An awareness message of one entry. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, 1)
	const inner = encoding.createEncoder()
	encoding.writeVarUint(inner, 1)
	encoding.writeVarUint(inner, clientId)
	encoding.writeVarUint(inner, clock)
	encoding.writeVarString(inner, JSON.stringify(state))
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
	return encoding.toUint8Array(encoder)
}

/** Presence states a socket has seen, by client id (null = removed). */
function watchPresence(ws: WebSocket): Map<number, unknown> {
	const states = new Map<number, unknown>()
	ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data))
		if (decoding.readVarUint(decoder) !== 1) return
		const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
		const n = decoding.readVarUint(inner)
		for (let i = 0; i < n; i++) {
			const id = decoding.readVarUint(inner)
			decoding.readVarUint(inner)
			states.set(id, JSON.parse(decoding.readVarString(inner)))
		}
	})
	return states
}

/**
 * A writer announces presence; an observer claims the co-chair's name and the writer's client id,
 * then disconnects. A third socket watches: the attack succeeds if it ever shows the co-chair's
 * name for the observer, or the writer's presence is gone after the observer leaves.
 */
async function spoofedAwareness(
	server: Running,
	cookies: { observer: string; writer: string },
	section: string,
) {
	const opened = (ws: WebSocket) => new Promise((resolve) => ws.once('open', resolve))
	const watcher = socketTo(server, cookies.writer, section)
	const seen = watchPresence(watcher)
	const writer = socketTo(server, cookies.writer, section)
	await Promise.all([opened(watcher), opened(writer)])
	const writerId = 900_000_001
	writer.send(awarenessFrame(writerId, 1, { user: { name: 'Writer', color: '#335' } }))
	await new Promise((resolve) => setTimeout(resolve, 300))
	const attacker = socketTo(server, cookies.observer, section)
	await opened(attacker)
	const fakeName = 'Co-Chair (spoofed)'
	attacker.send(awarenessFrame(900_000_002, 1, { user: { name: fakeName, color: '#000' } }))
	attacker.send(awarenessFrame(writerId, 5, { user: { name: fakeName, color: '#000' } }))
	await new Promise((resolve) => setTimeout(resolve, 300))
	attacker.close()
	await new Promise((resolve) => setTimeout(resolve, 500))
	const shownFake = [...seen.values()].some((state) => JSON.stringify(state ?? null).includes(fakeName))
	const writerState = seen.get(writerId)
	const writerGone = writerState === null || writerState === undefined
	for (const ws of [watcher, writer]) ws.terminate()
	return {
		outcome: `${shownFake ? 'spoofed name SHOWN' : 'spoofed name never shown'}; writer's presence ${writerGone ? 'REMOVED' : 'kept'}`,
		succeeded: shownFake || writerGone,
	}
}
