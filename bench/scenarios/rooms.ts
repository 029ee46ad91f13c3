import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runJsonChild } from '../lib/child-json.ts'
import {
	addSections,
	addWriters,
	demoSectionState,
	peopleFor,
	seededDataDir,
	sessionsFor,
} from '../lib/convene-sections.ts'
import { startProbed } from '../lib/server-probe.ts'
import { FLAVOR, removeData, type ServerKind } from '../lib/servers.ts'
import type { RoomsConfig, RoomsResult } from '../load/rooms-types.ts'

/** Sizes and pace of the many-rooms row. */
export type RoomsPlan = Pick<
	RoomsConfig,
	'clientsPerRoom' | 'minIntervalMs' | 'maxIntervalMs' | 'warmupMs' | 'measureMs' | 'drainMs'
> & { rooms: number }

/** This process's soft limit on open files (children inherit it), from /proc. */
function openFilesLimit(): number {
	const match = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'))
	return !match || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1])
}

/** Runs the many-rooms generator in its own process. */
function runGenerator(config: RoomsConfig): Promise<RoomsResult> {
	return runJsonChild<RoomsResult>('bench/load/rooms.ts', config, 'rooms generator')
}

/**
 * Row 2 for each server in turn: `rooms` rooms with `clientsPerRoom` editors each. Convene's
 * rooms are sections added to its database before it starts (copies of the demo section), its
 * editors as many people who may write them as the socket caps need (`addWriters`); the baselines take any room name, and each room's first client
 * pushes the same text. Every server is started with the event-loop probe preloaded.
 */
export async function runManyRooms(
	kinds: ServerKind[],
	plan: RoomsPlan,
	log: (line: string) => void = () => {},
): Promise<RoomsResult[]> {
	// Every socket is a file descriptor in the generator and again in the server.
	const clients = plan.rooms * plan.clientsPerRoom
	const limit = openFilesLimit()
	if (limit < clients + 512) {
		throw new Error(
			`${clients} sockets need more open files than this shell allows (ulimit -n ${limit}); raise it with \`ulimit -n ${clients + 1024}\` (up to \`ulimit -Hn\`) and run again`,
		)
	}
	const seed = Buffer.from(await demoSectionState()).toString('base64')
	const results: RoomsResult[] = []
	for (const kind of kinds) {
		let dataPath: string | undefined
		let rooms = Array.from({ length: plan.rooms }, (_, i) => `rooms-${i}`)
		if (kind === 'convene') {
			dataPath = await seededDataDir()
			rooms = addSections(
				dataPath,
				rooms.map((title) => ({ title })),
			)
			addWriters(dataPath, peopleFor(clients))
		}
		const server = await startProbed(kind, { dataPath })
		try {
			const ws = server.origin.replace('http', 'ws')
			const convene = kind === 'convene'
			const cookies = convene ? await sessionsFor(server, clients, 'write') : []
			const result = await runGenerator({
				...plan,
				label: kind,
				flavor: FLAVOR[kind],
				rooms,
				urlBase: convene ? `${ws}/collab/` : `${ws}/`,
				headers: convene ? cookies.map((cookie) => ({ Origin: server.origin, Cookie: cookie })) : [{}],
				workers: 2,
				connectBatch: 20,
				seedState: convene ? null : seed,
				clientBase: 1_000_000 + Math.floor(Math.random() * 1_000_000_000),
				serverPid: server.pid,
				probeFile: server.probeFile,
				dbPath: convene ? path.join(dataPath as string, 'convene.db') : null,
			})
			results.push(result)
			log(
				`rooms ${kind} ${plan.rooms}×${plan.clientsPerRoom}: ${Math.round(result.sentPerSec)} updates/s sent, ${result.durablePerSec === null ? 'not stored' : `${Math.round(result.durablePerSec)}/s committed`}, delivered ${(result.deliveredRatio * 100).toFixed(2)} %, p99 ${result.p99.toFixed(1)} ms, server loop p99 ${result.serverLoopP99Ms.toFixed(1)} / max ${result.serverLoopMaxMs.toFixed(0)} ms, CPU ${result.serverCpuCores.toFixed(2)}, RSS ${Math.round(result.serverRssMb)} MB, connect ${(result.connectMs / 1000).toFixed(1)} s${result.valid ? '' : ' (INVALID: generator lagged)'}`,
			)
		} finally {
			await server.stop()
			removeData(server)
		}
	}
	return results
}
