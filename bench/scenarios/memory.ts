import { loopbackFor } from '../lib/client.ts'
import { addSections, addWriters, peopleFor, seededDataDir, sessionsFor } from '../lib/convene-sections.ts'
import { cachedTrace } from '../lib/documents.ts'
import { medianReading, startProbed } from '../lib/server-probe.ts'
import { FLAVOR, removeData, type ServerKind } from '../lib/servers.ts'
import { pushDocument, SyncSocket } from '../lib/sync-socket.ts'

type Memory = { rssMb: number; heapUsedMb: number }

/** Row 4 for one server: memory per idle open document and per idle connection. */
export type MemoryResult = {
	kind: ServerKind
	/** Rooms opened with one client each, and extra clients on one room. */
	documents: number
	connections: number
	/** Stored size of each document (an editing trace, see documents.ts). */
	documentBytes: number
	idle: Memory
	withDocuments: Memory
	oneRoom: Memory
	withConnections: Memory
	/** (withDocuments − idle) / documents: a document with its one connection, KB. */
	perDocumentKb: Memory
	/** (withConnections − oneRoom) / connections, KB. */
	perConnectionKb: Memory
	/** Clients that never synced. */
	failures: number
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const perKb = (after: Memory, before: Memory, count: number): Memory => ({
	rssMb: ((after.rssMb - before.rssMb) * 1024) / count,
	heapUsedMb: ((after.heapUsedMb - before.heapUsedMb) * 1024) / count,
})

/** Opens `count` sockets `batch` at a time, each batch waiting until its sockets synced. */
async function openInBatches(
	count: number,
	batch: number,
	open: (index: number) => SyncSocket | Promise<SyncSocket>,
): Promise<SyncSocket[]> {
	const sockets: SyncSocket[] = []
	for (let start = 0; start < count; start += batch) {
		const opened = await Promise.all(
			Array.from({ length: Math.min(batch, count - start) }, (_, i) => open(start + i)),
		)
		await Promise.all(opened.map((socket) => socket.synced))
		sockets.push(...opened)
	}
	return sockets
}

/**
 * Row 4. For each server, started with `--expose-gc` and the probe preloaded: a reading when idle,
 * then with `documents` rooms open (one idle client each, every room holding the same edited
 * document of ~`documentBytes`), then with one more such room open, then with `connections` more
 * idle clients on that room. Each reading is the median of five, half a second apart, each right
 * after two full collections. Convene's rooms are sections stored before it starts (snapshot plus
 * log); the baselines' rooms get the same document pushed by their first client.
 */
export async function runMemory(
	kinds: ServerKind[],
	plan: { documents: number; connections: number; documentBytes: number },
	log: (line: string) => void = () => {},
): Promise<MemoryResult[]> {
	const results: MemoryResult[] = []
	const document = cachedTrace(plan.documentBytes, 40)
	const state = document.state
	for (const kind of kinds) {
		let dataPath: string | undefined
		let ids: string[] = []
		if (kind === 'convene') {
			dataPath = await seededDataDir()
			ids = addSections(
				dataPath,
				Array.from({ length: plan.documents + 1 }, (_, i) => ({
					title: `Memory ${i}`,
					snapshot: document.snapshot,
					log: document.log,
				})),
			)
			addWriters(dataPath, peopleFor(plan.documents + 1 + plan.connections))
		}
		const server = await startProbed(kind, { dataPath, gc: true })
		const sockets: SyncSocket[] = []
		try {
			const ws = server.origin.replace('http', 'ws')
			const cookies =
				kind === 'convene' ? await sessionsFor(server, plan.documents + 1 + plan.connections, 'write') : []
			const flavor = FLAVOR[kind]
			// Each socket from its own loopback address and (Convene) session, in the order opened.
			let opened = 0
			const open = (room: number) => {
				const localAddress = loopbackFor(opened)
				const cookie = cookies[opened++ % Math.max(1, cookies.length)] as string
				if (kind === 'convene') {
					const id = ids[room] as string
					const headers = { Origin: server.origin, Cookie: cookie }
					return new SyncSocket({ url: `${ws}/collab/${id}`, headers, localAddress, flavor, docName: id })
				}
				return new SyncSocket({
					url: `${ws}/memory-${room}`,
					localAddress,
					flavor,
					docName: `memory-${room}`,
				})
			}
			const first = (room: number) =>
				kind === 'convene'
					? open(room)
					: pushDocument({
							url: `${ws}/memory-${room}`,
							localAddress: loopbackFor(opened++),
							flavor,
							docName: `memory-${room}`,
							state,
						})
			await wait(2_000)
			const idle = await medianReading(server, 5, 500)
			sockets.push(...(await openInBatches(plan.documents, 25, first)))
			await wait(2_000)
			const withDocuments = await medianReading(server, 5, 500)
			sockets.push(await first(plan.documents))
			await wait(2_000)
			const oneRoom = await medianReading(server, 5, 500)
			sockets.push(...(await openInBatches(plan.connections, 50, () => open(plan.documents))))
			await wait(2_000)
			const withConnections = await medianReading(server, 5, 500)
			const result: MemoryResult = {
				kind,
				documents: plan.documents,
				connections: plan.connections,
				documentBytes: state.byteLength,
				idle,
				withDocuments,
				oneRoom,
				withConnections,
				perDocumentKb: perKb(withDocuments, idle, plan.documents),
				perConnectionKb: perKb(withConnections, oneRoom, plan.connections),
				failures: sockets.filter((socket) => socket.timing.syncedMs === null).length,
			}
			results.push(result)
			log(
				`memory ${kind}: ${Math.round(result.perDocumentKb.rssMb)} KB RSS (${Math.round(result.perDocumentKb.heapUsedMb)} KB heap) per document, ${Math.round(result.perConnectionKb.rssMb)} KB RSS (${Math.round(result.perConnectionKb.heapUsedMb)} KB heap) per connection, ${result.failures} failures`,
			)
		} finally {
			for (const socket of sockets) socket.close()
			await server.stop()
			removeData(server)
		}
	}
	return results
}
