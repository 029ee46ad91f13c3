import type { Flavor } from '../lib/client.ts'

/** One fan-out run: N editors typing into one room, M viewers watching it. */
export type FanoutConfig = {
	label: string
	flavor: Flavor
	docName: string
	editorUrl: string
	viewerUrl: string
	/** Headers per editor, used round-robin (Convene: Origin + one of several sessions). */
	editorHeaders: Array<Record<string, string>>
	/** Headers per viewer, used round-robin. */
	viewerHeaders: Array<Record<string, string>>
	editors: number
	viewers: number
	/** Keystroke updates per second per editor. */
	rate: number
	warmupMs: number
	measureMs: number
	drainMs: number
	workers: number
	/** Viewers keep a full Y.Doc instead of only decoding frames. */
	fullViewers: boolean
	/** Editors apply every remote update to their Y.Doc, as a browser tab would (costly for the generator). */
	editorDocs: boolean
	/** Client ids are `clientBase + editor index`: fresh per run so ids never repeat in a room. */
	clientBase: number
	/** The server's process id, for its CPU and memory. */
	serverPid: number
}

/** Clock slots recorded per editor (one keystroke = one clock). */
export const SLOTS = 8192

export type WorkerInit = {
	config: FanoutConfig
	index: number
	sendTimes: SharedArrayBuffer
	editorIndexes: number[]
	viewerCount: number
}

export type FanoutResult = {
	label: string
	editors: number
	viewers: number
	/** Editors applied every remote update, as browser tabs do (absent in older results: false). */
	editorDocs?: boolean
	p50: number
	p95: number
	p99: number
	max: number
	sent: number
	expected: number
	delivered: number
	deliveredRatio: number
	/** Updates applied at peers per second (deliveries in the window / window). */
	deliveriesPerSec: number
	sentPerSec: number
	serverCpuCores: number
	serverRssMb: number
	generatorCpuCores: number
	generatorLagP99Ms: number
	generatorLagMaxMs: number
	connectMs: number
	connectFailures: number
	closedDuringRun: number
	/** False when the generator itself lagged (> 10 ms) and the row is not to be quoted. */
	valid: boolean
}
