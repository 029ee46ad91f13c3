import type { Db } from '#db/client.server.ts'
import { createLoginThrottle } from './auth/login-throttle.server.ts'
import { startBackupSchedule } from './backup/schedule.server.ts'
import { createCollabUpgrade } from './collab/admission.server.ts'
import { CollabServer } from './collab/collab-server.server.ts'
import { createCollabMetrics } from './collab/metrics.server.ts'
import type { Config } from './config.server.ts'
import type { Services } from './context.server.ts'
import { startNotificationJobs } from './jobs/notification-jobs.server.ts'
import type { Logger } from './logger.server.ts'
import { startMailWorker } from './notifications/mail-worker.server.ts'
import { createVersionComparisons } from './sections/version-comparisons.server.ts'

/**
 * Everything of the process that holds state or decides access: the collaboration server and its
 * upgrade handler, metrics, sign-in counters, the backup schedule (BACKUP_DIR), the mail worker, the reminder and digest passes
 * (SMTP_URL), and the services every request gets. Built from the server bundle (re-exported by
 * `app.ts`), so the WebSocket side runs the very same policy, session and collaboration modules as
 * the pages do — never a second copy loaded from source (ADR 001).
 */
export function createLiveServices(options: { db: Db; config: Config; logger: Logger }) {
	const { db, config, logger } = options
	const metrics = createCollabMetrics()
	const collab = new CollabServer({ db, metrics, logger })
	const services: Services = {
		db,
		config,
		logger,
		now: () => new Date(),
		loginThrottle: createLoginThrottle(),
		collab,
		versionComparisons: createVersionComparisons(),
	}
	const collabUpgrade = createCollabUpgrade({
		db,
		collab,
		metrics,
		logger,
		publicOrigin: config.publicOrigin,
	})
	const backups = startBackupSchedule({ db, config, logger })
	const mail = startMailWorker({ db, config, logger, now: services.now })
	const notificationJobs = startNotificationJobs({ db, logger, now: services.now })
	return { services, metrics, collab, collabUpgrade, backups, mail, notificationJobs }
}
