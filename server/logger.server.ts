import { pino } from 'pino'

/** Structured JSON logs, one object per line, for a log shipper to read. */
export function createLogger(level: string) {
	return pino({ level, base: { service: 'convene' }, timestamp: pino.stdTimeFunctions.isoTime })
}

export type Logger = ReturnType<typeof createLogger>
