import type { ServerKind } from '../lib/servers.ts'
import type { RoomsResult } from '../load/rooms-types.ts'
import { type ColdLoadResult, runColdLoad } from './cold-load.ts'
import { type MemoryResult, runMemory } from './memory.ts'
import { runManyRooms } from './rooms.ts'

/** Rows 2–4 of issue #6, by the names `--only` takes. */
export const SCALE_ROWS = ['rooms', 'cold', 'memory'] as const
/** One of `SCALE_ROWS`. */
export type ScaleRow = (typeof SCALE_ROWS)[number]

/** What rows 2–4 add to a run's results (each present once measured). */
export type ScaleResults = {
	rooms?: RoomsResult[]
	coldLoad?: ColdLoadResult[]
	memory?: MemoryResult[]
	/** Rows that failed, with the first line of their error. */
	scaleFailures?: string[]
}

const KINDS: ServerKind[] = ['convene', 'reference', 'hocuspocus']

/**
 * Sizes per row: the in a full run (each row ~2–3 minutes on 2 cores), small ones
 * otherwise (a row alone with `--only` while developing).
 */
function plan(full: boolean) {
	return {
		// 1–2 s between one editor's keystroke updates: someone writing steadily, with pauses, in
		// a shared section, rather than the fan-out row's 5/s burst typing.
		rooms: {
			rooms: full ? 1_000 : 50,
			clientsPerRoom: 3,
			minIntervalMs: 1_000,
			maxIntervalMs: 2_000,
			warmupMs: full ? 5_000 : 3_000,
			measureMs: full ? 20_000 : 8_000,
			drainMs: 1_500,
		},
		cold: {
			sizes: full ? [20_000, 160_000, 16_000_000] : [20_000, 160_000, 1_000_000],
			copies: full ? 3 : 2,
			// Convene unloads a section 30 s after its last client leaves, and compacts it then.
			watchUnloadMs: full ? 33_000 : 0,
		},
		memory: { documents: full ? 500 : 50, connections: full ? 1_000 : 100, documentBytes: 20_000 },
	}
}

/**
 * Runs the requested rows for Convene, the y-websocket reference server and Hocuspocus, putting
 * each row's results into `results` as soon as it is done (and calling `save`). A row that fails
 * is logged and named in `results.scaleFailures`, and the others still run: at the end of a
 * 20-minute run, one broken row should not cost the report of the rest.
 */
export async function runScaleRows(
	results: ScaleResults,
	options: { rows: readonly ScaleRow[]; full: boolean; log: (line: string) => void; save: () => void },
): Promise<void> {
	const sizes = plan(options.full)
	const steps: Record<ScaleRow, () => Promise<void>> = {
		rooms: async () => {
			results.rooms = await runManyRooms(KINDS, sizes.rooms, options.log)
		},
		cold: async () => {
			const rows: ColdLoadResult[] = []
			for (const kind of KINDS) {
				const watchUnloadMs = kind === 'convene' ? sizes.cold.watchUnloadMs : 0
				rows.push(await runColdLoad(kind, { ...sizes.cold, watchUnloadMs }, options.log))
			}
			results.coldLoad = rows
		},
		memory: async () => {
			results.memory = await runMemory(KINDS, sizes.memory, options.log)
		},
	}
	for (const row of SCALE_ROWS.filter((name) => options.rows.includes(name))) {
		try {
			await steps[row]()
		} catch (error) {
			const message = `${row}: ${(error as Error).message.split('\n')[0]}`
			options.log(`row failed, ${message}`)
			results.scaleFailures = [...(results.scaleFailures ?? []), message]
		}
		options.save()
	}
}
