import Database from 'better-sqlite3'
import { nowMs } from '../lib/client.ts'
import { addSections, seededDataDir, WRITERS, writerCookies } from '../lib/convene-sections.ts'
import { cachedTrace, type EditedDocument, formatBytes } from '../lib/documents.ts'
import { type ProbeTrace, probeWindow, startProbePair } from '../lib/probe-pair.ts'
import { type Probed, readProbe, startProbed } from '../lib/server-probe.ts'
import { FLAVOR, removeData, type ServerKind } from '../lib/servers.ts'
import { type LoadTiming, pushDocument, SyncSocket, within } from '../lib/sync-socket.ts'

/** One client's load of one copy of a document, and what the rest of the server went through meanwhile. */
export type LoadSample = LoadTiming & {
	/** First client since the server started (Convene, Hocuspocus: from disk) or a second one while it is open. */
	phase: 'first' | 'second'
	copy: number
	/** The probe pair's worst and 99th-percentile latency for keystrokes sent during this load. */
	probeMaxMs: number
	probeP99Ms: number
	probeLost: number
	/** The server's own event-loop delay, max, over this load (from the preloaded probe). */
	serverLoopMaxMs: number
}

/** Row 3 for one server. */
export type ColdLoadResult = {
	kind: ServerKind
	sizes: Array<{ label: string; storedBytes: number; ops: number; samples: LoadSample[] }>
	/** The probe pair before any load: the room's normal latency. */
	probeIdle: { p99: number; max: number }
	/** Convene only: the probe while the largest documents unload (30 s after their last client). */
	unload: { probeMaxMs: number; serverLoopMaxMs: number; watchedMs: number } | null
}

/** Sizes of the cold-load row. */
export type ColdLoadPlan = {
	/** Target stored sizes in bytes (each an editing trace, see documents.ts). */
	sizes: number[]
	copies: number
	/** How long to keep watching after the last load (Convene unloads a section 30 s after its last client). */
	watchUnloadMs: number
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const LOAD_TIMEOUT_MS = 120_000

/** Waits until Hocuspocus has stored `name` (it stores when the last client leaves). */
async function storedByHocuspocus(file: string, name: string, atLeast: number): Promise<void> {
	const deadline = Date.now() + 60_000
	while (Date.now() < deadline) {
		try {
			const db = new Database(file, { readonly: true })
			const row = db.prepare('select length(data) as n from documents where name = ?').get(name) as
				| { n: number }
				| undefined
			db.close()
			if (row && row.n >= atLeast) return
		} catch {
			// table not created yet
		}
		await wait(200)
	}
	throw new Error(`Hocuspocus did not store ${name} within 60 s`)
}

type Room = { url: string; docName: string; headers: (who: number) => Record<string, string> | undefined }

/** Runs `body`; if it throws, stops the server it was preparing (and removes its data) first. */
async function stopOnError<T>(server: Probed, body: () => Promise<T>): Promise<T> {
	try {
		return await body()
	} catch (error) {
		await server.stop()
		removeData(server)
		throw error
	}
}

/** Puts every copy of every document into the server; returns the server to measure (restarted for Hocuspocus). */
async function prepare(
	kind: ServerKind,
	documents: EditedDocument[],
	copies: number,
): Promise<{ server: Probed; rooms: Room[][]; probe: Room }> {
	const names = documents.map((_, size) =>
		Array.from({ length: copies }, (_, copy) => `cold-${size}-${copy}`),
	)
	if (kind === 'convene') {
		const dataPath = await seededDataDir()
		const specs = documents.flatMap((document, size) =>
			(names[size] as string[]).map((title) => ({ title, snapshot: document.snapshot, log: document.log })),
		)
		const ids = addSections(dataPath, [...specs, { title: 'probe' }])
		const server = await startProbed('convene', { dataPath })
		const cookies = await stopOnError(server, () => writerCookies(server.origin))
		const ws = server.origin.replace('http', 'ws')
		const room = (id: string): Room => ({
			url: `${ws}/collab/${id}`,
			docName: id,
			headers: (who) => ({ Origin: server.origin, Cookie: cookies[who % WRITERS.length] as string }),
		})
		const rooms = documents.map(
			(_, size) => names[size]?.map((_, copy) => room(ids[size * copies + copy] as string)) ?? [],
		)
		return { server, rooms, probe: room(ids[ids.length - 1] as string) }
	}
	const first = await startProbed(kind)
	const flavor = FLAVOR[kind]
	await stopOnError(first, async () => {
		for (const [size, document] of documents.entries()) {
			for (const name of names[size] as string[]) {
				const ws = first.origin.replace('http', 'ws')
				const pusher = await pushDocument({
					url: `${ws}/${name}`,
					flavor,
					docName: name,
					state: document.state,
				})
				pusher.close()
				if (kind === 'hocuspocus')
					await storedByHocuspocus(first.dataPath as string, name, document.state.byteLength * 0.9)
			}
		}
	})
	let server = first
	if (kind === 'hocuspocus') {
		// A fresh process: the first load of each document comes from its SQLite file.
		await first.stop()
		server = await startProbed(kind, { dataPath: first.dataPath as string })
	}
	const ws = server.origin.replace('http', 'ws')
	const room = (name: string): Room => ({ url: `${ws}/${name}`, docName: name, headers: () => undefined })
	return { server, rooms: names.map((list) => list.map(room)), probe: room('probe') }
}

/**
 * Row 3 for one server: each document size stored in `copies` rooms; for each, a fresh client
 * loads it (the first load since the server started), then a second client loads it while the
 * first is still connected. Meanwhile a probe pair in another room types every 20 ms.
 */
export async function runColdLoad(
	kind: ServerKind,
	plan: ColdLoadPlan,
	log: (line: string) => void = () => {},
): Promise<ColdLoadResult> {
	const documents = plan.sizes.map((bytes, i) => cachedTrace(bytes, 20 + i))
	const { server, rooms, probe } = await prepare(kind, documents, plan.copies)
	const flavor = FLAVOR[kind]
	const marks: Array<{
		size: number
		sample: Omit<LoadSample, 'probeMaxMs' | 'probeP99Ms' | 'probeLost'>
		from: number
		to: number
	}> = []
	let trace: ProbeTrace | null = null
	let idleWindow = [0, 0]
	let unloadWindow: [number, number] | null = null
	let unloadLoopMax = Number.NaN
	try {
		const pair = await startProbePair({
			url: probe.url,
			docName: probe.docName,
			flavor,
			senderHeaders: probe.headers(0),
			receiverHeaders: probe.headers(1),
			intervalMs: 20,
		})
		try {
			idleWindow = [nowMs(), nowMs() + 2_000]
			await wait(2_000)
			for (const [size, copies] of rooms.entries()) {
				for (const [copy, room] of copies.entries()) {
					const open: SyncSocket[] = []
					for (const phase of ['first', 'second'] as const) {
						await readProbe(server.pid, server.probeFile)
						const from = nowMs()
						const socket = new SyncSocket({
							url: room.url,
							headers: room.headers(phase === 'first' ? 2 : 3),
							flavor,
							docName: room.docName,
						})
						open.push(socket)
						const timing = (await within(socket.synced, LOAD_TIMEOUT_MS)) ?? socket.timing
						const to = nowMs()
						const loop = await readProbe(server.pid, server.probeFile)
						marks.push({ size, from, to, sample: { ...timing, phase, copy, serverLoopMaxMs: loop.loop.max } })
					}
					for (const socket of open) socket.close()
					await wait(300)
				}
				const firsts = marks.filter((mark) => mark.size === size && mark.sample.phase === 'first')
				const outcomes = firsts.map(({ sample }) =>
					sample.syncedMs === null ? `closed ${sample.closeCode}` : `${Math.round(sample.syncedMs)} ms`,
				)
				const blocked = Math.max(...firsts.map((mark) => mark.sample.serverLoopMaxMs))
				log(
					`cold load ${kind} ${formatBytes(documents[size]?.state.byteLength ?? 0)}: first loads ${outcomes.join(', ')}; server loop max ${Math.round(blocked)} ms`,
				)
			}
			if (plan.watchUnloadMs > 0) {
				await readProbe(server.pid, server.probeFile)
				unloadWindow = [nowMs(), nowMs() + plan.watchUnloadMs]
				await wait(plan.watchUnloadMs)
				unloadLoopMax = (await readProbe(server.pid, server.probeFile)).loop.max
			}
		} finally {
			trace = await pair.stop()
		}
	} finally {
		await server.stop()
		removeData(server)
	}
	const probeTrace = trace as ProbeTrace
	const idle = probeWindow(probeTrace, idleWindow[0] as number, idleWindow[1] as number)
	const unload = unloadWindow ? probeWindow(probeTrace, unloadWindow[0], unloadWindow[1]) : null
	return {
		kind,
		sizes: documents.map((document, size) => ({
			label: formatBytes(document.state.byteLength),
			storedBytes: document.state.byteLength,
			ops: document.ops,
			samples: marks
				.filter((mark) => mark.size === size)
				.map(({ sample, from, to }) => {
					// A keystroke sent just before the load began can be held by it as well.
					const window = probeWindow(probeTrace, from - 20, to)
					return { ...sample, probeMaxMs: window.max, probeP99Ms: window.p99, probeLost: window.lost }
				}),
		})),
		probeIdle: { p99: idle.p99, max: idle.max },
		unload:
			unload && unloadWindow
				? { probeMaxMs: unload.max, serverLoopMaxMs: unloadLoopMax, watchedMs: plan.watchUnloadMs }
				: null,
	}
}
