import { round } from './stats.ts'

/** How each server is named in the tables. */
export const SERVER_NAMES: Record<string, string> = {
	convene: 'Convene',
	reference: 'y-websocket 2.1.0 reference',
	hocuspocus: 'Hocuspocus 3.4 + SQLite',
	relay: 'raw `ws` relay',
}

/** A table cell: the value rounded, or a dash when there is none. */
export const fmt = (value: number | null | undefined) =>
	value === null || value === undefined || !Number.isFinite(value) ? '—' : String(round(value))
