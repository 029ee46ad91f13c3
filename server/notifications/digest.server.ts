import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { notifications, taskForces, users } from '#db/schema/index.ts'
import { startOfDayIn, todayIn } from '#shared/dates.ts'
import { enqueueMail } from './outbox.server.ts'

const HOUR_MS = 3_600_000

/** The latest instant at or before `now` that is `hour` o'clock in `timeZone`. */
function lastDigestTime(now: number, timeZone: string, hour: number): number {
	const today = todayIn(timeZone, new Date(now))
	const todays = startOfDayIn(today, timeZone) + hour * HOUR_MS
	if (todays <= now) return todays
	const yesterday = new Date(startOfDayIn(today, timeZone) - 12 * HOUR_MS)
	return startOfDayIn(todayIn(timeZone, yesterday), timeZone) + hour * HOUR_MS
}

/**
 * Sends each person, once their digest hour has come (in their time zone), one email with every
 * notification of theirs that goes by digest, arrived before that hour, and no digest has carried
 * yet. Computed from the
 * database at each pass, so a restart loses nothing and a pass that runs twice sends nothing more:
 * the items are marked carried and the person's `lastDigestAt` set in the same transaction as the
 * queued email. Returns how many digests were queued.
 */
export function queueDigests(db: Db, now: number): number {
	const waiting = db
		.selectDistinct({ userId: notifications.userId })
		.from(notifications)
		.where(and(eq(notifications.delivery, 'digest'), isNull(notifications.digestedAt)))
		.all()
		.map((row) => row.userId)
	if (waiting.length === 0) return 0
	const people = db
		.select({
			id: users.id,
			email: users.email,
			timeZone: users.timeZone,
			digestHour: users.digestHour,
		})
		.from(users)
		.where(and(inArray(users.id, waiting), isNull(users.disabledAt)))
		.all()
	let queued = 0
	for (const person of people) {
		const due = lastDigestTime(now, person.timeZone, person.digestHour)
		db.transaction((tx) => {
			const items = tx
				.select({
					id: notifications.id,
					kind: notifications.kind,
					title: notifications.title,
					path: notifications.path,
					taskForceName: taskForces.name,
				})
				.from(notifications)
				.leftJoin(taskForces, eq(taskForces.id, notifications.taskForceId))
				.where(
					and(
						eq(notifications.userId, person.id),
						eq(notifications.delivery, 'digest'),
						isNull(notifications.digestedAt),
						// What came after today's digest hour waits for tomorrow's.
						lte(notifications.createdAt, due),
					),
				)
				.orderBy(asc(notifications.createdAt))
				.all()
			if (items.length === 0) return
			enqueueMail(tx, {
				to: person.email,
				userId: person.id,
				subject: `Your Convene digest: ${items.length} update${items.length === 1 ? '' : 's'}`,
				body: items.map((item) => `- ${item.title} (${item.path})`).join('\n'),
				payload: {
					template: 'digest',
					items: items.map(({ kind, title, path, taskForceName }) => ({ kind, title, path, taskForceName })),
				},
				now,
			})
			tx.update(notifications)
				.set({ digestedAt: now })
				.where(
					inArray(
						notifications.id,
						items.map((item) => item.id),
					),
				)
				.run()
			tx.update(users).set({ lastDigestAt: now }).where(eq(users.id, person.id)).run()
			queued++
		})
	}
	return queued
}
