import type { Db } from '#db/client.server.ts'
import type { Logger } from '../logger.server.ts'
import { queueDigests } from '../notifications/digest.server.ts'
import { queueDueReminders } from '../notifications/reminders.server.ts'
import { queueGateNotices } from '../phases/gate-notices.server.ts'

const EVERY_MS = 60_000

/**
 * One pass of the timed notifications as of `now`: due-date reminders, gates that fall due, then
 * the daily digests (last, so a digest can carry what this pass added). Each is computed from the
 * database and keyed so that running a pass twice adds nothing.
 */
export function runNotificationPass(db: Db, now: number) {
	const reminders = queueDueReminders(db, now)
	const gates = queueGateNotices(db, now)
	const digests = queueDigests(db, now)
	return { reminders, gates, digests }
}

/**
 * Runs `runNotificationPass` once a minute (and once at start), so nothing waits in memory and a
 * restart loses nothing. A failed pass is logged and the next one tries again.
 */
export function startNotificationJobs(services: { db: Db; logger: Logger; now: () => Date }) {
	const pass = () => {
		try {
			const queued = runNotificationPass(services.db, services.now().getTime())
			if (queued.reminders + queued.gates + queued.digests > 0)
				services.logger.info(queued, 'notifications queued')
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
