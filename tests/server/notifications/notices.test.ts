import { and, eq, like } from 'drizzle-orm'
import { expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import {
	assignments,
	memberships,
	notificationSettings,
	notifications,
	outboundMessages,
	phases,
	users,
} from '#db/schema/index.ts'
import { changeAssignmentStatus } from '#server/assignments/status.server.ts'
import { queueDigests } from '#server/notifications/digest.server.ts'
import { queueDueReminders } from '#server/notifications/reminders.server.ts'
import { queueGateNotices } from '#server/phases/gate-notices.server.ts'
import { getCurrentGate } from '#server/phases/schedule.server.ts'
import { addDays, startOfDayIn, todayIn } from '#shared/dates.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { genaiDemo } from '../../support/genai-demo.ts'

const NOW = new Date('2026-11-28T15:00:00Z').getTime()
const demo = () => genaiDemo(NOW)

function inbox(db: Db, userId: string) {
	return db.select().from(notifications).where(eq(notifications.userId, userId)).all()
}

function mailTo(db: Db, userId: string) {
	return db.select().from(outboundMessages).where(eq(outboundMessages.userId, userId)).all()
}

test('an assignment made for someone puts one item in their inbox and one email in the outbox, in its transaction; its creator hears when it is done', async () => {
	const { db, taskForce, chair, writer, assign } = await demo()
	const before = inbox(db, writer.id).length
	const created = assign('Draft the county examples', writer.id, NOW)
	const items = inbox(db, writer.id)
	expect(items.length).toBe(before + 1)
	const item = items.find((row) => row.title === 'Assigned to you: Draft the county examples')
	expect(item?.path).toBe(`/t/genai/assignments/${created}`)
	const mail = mailTo(db, writer.id).filter((row) => row.subject.startsWith('Assigned to you'))
	expect(mail).toHaveLength(1)
	expect(mail[0]?.to).toBe('writer@demo.test')
	expect(mail[0]?.messageId).toMatch(/^<.+@.+>$/)
	// The chair made it, so the chair is not told.
	expect(inbox(db, chair.id).filter((row) => row.title.includes('Draft the county examples'))).toEqual([])

	// The writer marks it done: the chair, who created it, hears of it (by digest by default: no email).
	changeAssignmentStatus(db, {
		taskForceId: taskForce.id,
		actor: { id: writer.id, isAdmin: false },
		assignmentId: created,
		status: 'done',
		expected: {},
		now: NOW + 1,
	})
	const done = inbox(db, chair.id).find((row) => row.title === 'Done: Draft the county examples')
	expect(done?.delivery).toBe('digest')
	expect(mailTo(db, chair.id).filter((row) => row.subject.startsWith('Done:'))).toEqual([])
})

test('someone who turned a kind off gets the inbox item and no email', async () => {
	const { db, writer, assign } = await demo()
	db.insert(notificationSettings)
		.values({ userId: writer.id, kind: 'assignment_assigned', delivery: 'off' })
		.run()
	assign('Quiet one', writer.id, NOW)
	expect(inbox(db, writer.id).some((row) => row.title === 'Assigned to you: Quiet one')).toBe(true)
	expect(mailTo(db, writer.id).filter((row) => row.subject.includes('Quiet one'))).toEqual([])
})

test('due-date reminders come once each: in 3 days, tomorrow, overdue — a second pass adds nothing', async () => {
	const { db, taskForce, writer } = await demo()
	const today = todayIn(taskForce.timeZone, new Date(NOW))
	const mine = db
		.select()
		.from(assignments)
		.where(and(eq(assignments.taskForceId, taskForce.id), eq(assignments.assigneeId, writer.id)))
		.all()
		.filter((row) => row.status !== 'done')
	expect(mine.length).toBeGreaterThan(0)
	// Everything of the writer's due in three days.
	for (const row of mine)
		db.update(assignments)
			.set({ dueOn: addDays(today, 3) })
			.where(eq(assignments.id, row.id))
			.run()
	const reminded = () =>
		inbox(db, writer.id)
			.filter((row) => row.kind === 'assignment_reminder')
			.map((row) => row.title.split(':')[0])
	queueDueReminders(db, NOW)
	queueDueReminders(db, NOW + 60_000)
	expect(reminded()).toEqual(mine.map(() => 'Due in 3 days'))
	const day = 86_400_000
	queueDueReminders(db, NOW + 2 * day)
	queueDueReminders(db, NOW + 4 * day)
	queueDueReminders(db, NOW + 5 * day)
	expect(reminded().sort()).toEqual(
		[
			...mine.map(() => 'Due in 3 days'),
			...mine.map(() => 'Due tomorrow'),
			...mine.map(() => 'Overdue'),
		].sort(),
	)
})

test('a digest collects the day’s items in one email at the person’s hour in their time zone, once', async () => {
	const { db, taskForce, writer } = await demo()
	db.update(users).set({ timeZone: 'America/Chicago', digestHour: 8 }).where(eq(users.id, writer.id)).run()
	const at = (iso: string) => new Date(iso).getTime()
	const add = (title: string, createdAt: number) =>
		db
			.insert(notifications)
			.values({
				id: `n${createdAt}`,
				userId: writer.id,
				taskForceId: taskForce.id,
				kind: 'thread_reply',
				title,
				path: '/t/genai',
				delivery: 'digest',
				createdAt,
			})
			.run()
	db.delete(notifications).where(eq(notifications.userId, writer.id)).run()
	// 07:00 and 07:30 in Chicago on 2 December; 08:00 there is 14:00 UTC.
	add('First reply', at('2026-12-02T13:00:00Z'))
	add('Second reply', at('2026-12-02T13:30:00Z'))
	expect(queueDigests(db, at('2026-12-02T13:59:00Z'))).toBe(0)
	add('After the hour', at('2026-12-02T14:30:00Z'))
	expect(queueDigests(db, at('2026-12-02T14:31:00Z'))).toBe(1)
	expect(queueDigests(db, at('2026-12-02T14:32:00Z'))).toBe(0)
	const digests = mailTo(db, writer.id).filter((row) => row.subject.startsWith('Your Convene digest'))
	expect(digests).toHaveLength(1)
	expect(digests[0]?.subject).toBe('Your Convene digest: 2 updates')
	expect(digests[0]?.body).toContain('First reply')
	expect(digests[0]?.body).not.toContain('After the hour')
	// The next morning brings the one that came after the hour.
	expect(queueDigests(db, at('2026-12-03T14:00:00Z'))).toBe(1)
})

test('a gate that falls due tells every member once, on the phase’s last day, with what is still open', async () => {
	const { db, taskForce, chair } = await demo()
	const phase = db
		.select()
		.from(phases)
		.where(and(eq(phases.taskForceId, taskForce.id), eq(phases.status, 'active')))
		.get()
	if (!phase) throw new Error('no current phase')
	const noonOn = (day: string) => startOfDayIn(day, taskForce.timeZone) + 12 * 3_600_000
	const members = db.select().from(memberships).where(eq(memberships.taskForceId, taskForce.id)).all()
	const gateNotices = () =>
		db
			.select()
			.from(notifications)
			.where(and(eq(notifications.kind, 'phase_changed'), like(notifications.dedupeKey, 'gate-due:%')))
			.all()

	expect(queueGateNotices(db, noonOn(addDays(phase.endsOn, -1)))).toBe(0)
	expect(queueGateNotices(db, noonOn(phase.endsOn))).toBe(members.length)
	expect(queueGateNotices(db, noonOn(phase.endsOn) + 60_000)).toBe(0)
	const chairs = gateNotices().filter((row) => row.userId === chair.id)
	expect(chairs).toHaveLength(1)
	const open = getCurrentGate(db, taskForce.id)?.unmet.length ?? 0
	expect(open).toBeGreaterThan(0)
	expect(chairs[0]).toMatchObject({
		title: `${PHASE_LABELS[phase.kind]} ends today: its gate is due`,
		body: expect.stringContaining(`${open} item${open === 1 ? '' : 's'} of the gate`),
		path: '/t/genai/timeline',
	})

	// The phase is given three more days: that new last day brings one more notice each.
	const later = addDays(phase.endsOn, 3)
	db.update(phases).set({ endsOn: later }).where(eq(phases.id, phase.id)).run()
	expect(queueGateNotices(db, noonOn(addDays(later, -1)))).toBe(0)
	expect(queueGateNotices(db, noonOn(later) + 3_600_000)).toBe(members.length)
	expect(gateNotices()).toHaveLength(2 * members.length)
	// A later pass, even days after, adds nothing more for that date.
	expect(queueGateNotices(db, noonOn(addDays(later, 2)))).toBe(0)
})
