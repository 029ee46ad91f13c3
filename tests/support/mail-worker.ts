import { pino } from 'pino'
import type { Db } from '#db/client.server.ts'
import type { Logger } from '#server/logger.server.ts'
import { startMailWorker } from '#server/notifications/mail-worker.server.ts'

/**
 * The real mail worker sending to an SMTP server on 127.0.0.1:`port`, with links made from
 * https://convene.example.org, its log silent, and its clock the caller's.
 */
export function startTestMailWorker(db: Db, port: number, now: () => number) {
	return startMailWorker({
		db,
		config: {
			smtpUrl: `smtp://127.0.0.1:${port}`,
			mailFrom: 'Convene <convene@example.org>',
			publicOrigin: 'https://convene.example.org',
			port: 3000,
		},
		logger: pino({ level: 'silent' }) as Logger,
		now: () => new Date(now()),
	})
}
