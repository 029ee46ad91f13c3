import { and, eq, isNotNull, lte, ne } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { assignments, taskForces } from '#db/schema/index.ts'
import { addDays, daysBetween, formatDate, todayIn } from '#shared/dates.ts'
import { notify } from './notify.server.ts'

/** The reminders of an assignment's due date, each sent once (its key names the date it is for). */
function reminderFor(daysLeft: number): { key: string; title: (t: string) => string } | null {
	if (daysLeft < 0) return { key: 'overdue', title: (t) => `Overdue: ${t}` }
	if (daysLeft === 1) return { key: 'due-1', title: (t) => `Due tomorrow: ${t}` }
	if (daysLeft === 3) return { key: 'due-3', title: (t) => `Due in 3 days: ${t}` }
	return null
}

/**
 * Reminds assignees of open work due in 3 days, due tomorrow, or overdue — once each, whatever
 * happens to the server in between: computed from the database at each pass (every minute), with
 * a key per assignment, kind and due date so a pass that runs twice, or after a restart, adds
 * nothing. Days are the task force's. Returns how many were told.
 */
export function queueDueReminders(db: Db, now: number): number {
	let told = 0
	const forces = db
		.select({ id: taskForces.id, slug: taskForces.slug, timeZone: taskForces.timeZone })
		.from(taskForces)
		.where(eq(taskForces.status, 'active'))
		.all()
	for (const force of forces) {
		const today = todayIn(force.timeZone, new Date(now))
		const open = db
			.select({
				id: assignments.id,
				title: assignments.title,
				assigneeId: assignments.assigneeId,
				dueOn: assignments.dueOn,
			})
			.from(assignments)
			.where(
				and(
					eq(assignments.taskForceId, force.id),
					ne(assignments.status, 'done'),
					isNotNull(assignments.assigneeId),
					lte(assignments.dueOn, addDays(today, 3)),
				),
			)
			.all()
		db.transaction((tx) => {
			for (const item of open) {
				if (!item.dueOn || !item.assigneeId) continue
				const reminder = reminderFor(daysBetween(today, item.dueOn))
				if (!reminder) continue
				told += notify(tx, {
					userIds: [item.assigneeId],
					actorId: null,
					taskForceId: force.id,
					kind: 'assignment_reminder',
					title: reminder.title(item.title),
					body: `Due ${formatDate(item.dueOn)}.`,
					path: `/t/${force.slug}/assignments/${item.id}`,
					dedupeKey: `${reminder.key}:${item.id}:${item.dueOn}`,
					now,
				})
			}
		})
	}
	return told
}
