import type { Db } from '#db/client.server.ts'
import type { Logger } from '../logger.server.ts'
import { queueDigests } from './digest.server.ts'
import { queueDueReminders } from './reminders.server.ts'

const EVERY_MS = 60_000

/**
 * Due-date reminders and daily digests, computed from the database once a minute (and once at
 * start), so nothing waits in memory and a restart loses nothing. A failed pass is logged and the
 * next one tries again.
 */
export function startNotificationJobs(services: { db: Db; logger: Logger; now: () => Date }) {
	const pass = () => {
		try {
			const now = services.now().getTime()
			const reminders = queueDueReminders(services.db, now)
			const digests = queueDigests(services.db, now)
			if (reminders + digests > 0) services.logger.info({ reminders, digests }, 'notifications queued')
		} catch (error) {
			services.logger.error({ err: error }, 'notification pass failed')
		}
	}
	const first = setTimeout(pass, 1_000)
	const timer = setInterval(pass, EVERY_MS)
	first.unref()
	timer.unref()
	return {
		stop() {
			clearTimeout(first)
			clearInterval(timer)
		},
	}
}
