import type { Flavor } from '../lib/client.ts'

/** One many-rooms run: `rooms.length` rooms with `clientsPerRoom` editors each, typing slowly. */
export type RoomsConfig = {
	label: string
	flavor: Flavor
	/** Room (document) names; a room's URL is `urlBase + name`. */
	rooms: string[]
	urlBase: string
	/** Headers per client, used round-robin by client index (Convene: Origin + a writer's session). */
	headers: Array<Record<string, string>>
	clientsPerRoom: number
	/** Each client's next keystroke comes uniformly between these after its last. */
	minIntervalMs: number
	maxIntervalMs: number
	warmupMs: number
	measureMs: number
	drainMs: number
	workers: number
	/** Clients each worker connects at once, each batch waiting until synced. */
	connectBatch: number
	/**
	 * Base64 state the first client of each room pushes when it syncs, so that the baselines' rooms
	 * hold the same text as Convene's sections (which are stored before Convene starts). Null: none.
	 */
	seedState: string | null
	/** Client ids are `clientBase + client index`. */
	clientBase: number
	serverPid: number
	/** The server's preloaded probe (event-loop delay), see bench/lib/server-probe.mjs. */
	probeFile: string
	/** Convene's database: updates committed in the window are counted from it. Null for baselines. */
	dbPath: string | null
}

/** Keystroke clocks recorded per client (one a second or so: ample for minutes). */
export const ROOM_SLOTS = 512

/** What each generator thread gets. */
export type RoomsWorkerInit = {
	config: RoomsConfig
	sendTimes: SharedArrayBuffer
	/** Indexes into `config.rooms` this worker serves. */
	roomIndexes: number[]
}

/** Row 2 for one server. */
export type RoomsResult = {
	label: string
	rooms: number
	clientsPerRoom: number
	minIntervalMs: number
	maxIntervalMs: number
	measureMs: number
	connectMs: number
	connectFailures: number
	closedDuringRun: number
	sent: number
	sentPerSec: number
	/** Updates committed to the database per second in the window (Convene); null for the baselines. */
	durablePerSec: number | null
	expected: number
	delivered: number
	deliveredRatio: number
	p50: number
	p99: number
	max: number
	/** The server's event-loop delay over the window, from inside it (5 ms sampling timer). */
	serverLoopP99Ms: number
	serverLoopMaxMs: number
	serverCpuCores: number
	serverRssMb: number
	generatorCpuCores: number
	generatorLagP99Ms: number
	valid: boolean
}
