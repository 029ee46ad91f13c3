import { eq } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import { afterEach, expect, test } from 'vitest'
import { users } from '#db/schema/index.ts'
import { changeAssignmentStatus } from '#server/assignments/status.server.ts'
import { runNotificationPass } from '#server/jobs/notification-jobs.server.ts'
import { genaiDemo } from '../../support/genai-demo.ts'
import { startTestMailWorker } from '../../support/mail-worker.ts'
import { freePort, startSmtpSink } from '../../support/smtp-sink.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const at = (iso: string) => new Date(iso).getTime()

test('a day’s items reach the person in one digest email at their hour in their time zone, through SMTP, once', async () => {
	// The clock every part reads: the operations, the timed pass and the mail worker.
	let now = at('2026-12-01T20:00:00Z')
	const { db, taskForce, chair, writer, assign } = await genaiDemo(now)
	// The co-chair wants the digest at 08:00 in Chicago (14:00 UTC in December).
	db.update(users).set({ timeZone: 'America/Chicago', digestHour: 8 }).where(eq(users.id, chair.id)).run()
	const port = await freePort()
	// What reaches the co-chair (the writer's "Assigned to you" emails go elsewhere).
	const raws: string[] = []
	const smtp = await startSmtpSink(port, async (raw) => {
		const to = (await simpleParser(raw)).to
		if (to && !Array.isArray(to) && to.value[0]?.address === chair.email) raws.push(raw)
	})
	cleanups.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())))
	const worker = startTestMailWorker(db, port, () => now)
	cleanups.push(() => worker.stop())
	/** Moves the clock, runs the minute's pass and lets the worker send what is due. */
	const tick = async (iso: string) => {
		now = at(iso)
		const queued = runNotificationPass(db, now)
		await worker.drainNow()
		return queued.digests
	}
	const finish = (title: string, iso: string) => {
		const id = assign(title, writer.id, now)
		now = at(iso)
		// The writer finishes it: its creator, the co-chair, hears by digest (the default).
		changeAssignmentStatus(db, {
			taskForceId: taskForce.id,
			actor: { id: writer.id, isAdmin: false },
			assignmentId: id,
			status: 'done',
			expected: {},
			now,
		})
		return id
	}
	// Whatever the demo's own activity left for the co-chair goes out in a first digest.
	await tick('2026-12-02T14:00:00Z')
	raws.length = 0

	const first = finish('Summarize the pilot surveys', '2026-12-02T18:00:00Z') // 12:00 in Chicago
	const second = finish('Collect county policies', '2026-12-03T12:30:00Z') // 06:30 the next day
	const third = finish('List open questions', '2026-12-03T14:30:00Z') // 08:30: after the hour

	expect(await tick('2026-12-03T13:59:00Z')).toBe(0)
	expect(raws).toHaveLength(0)
	expect(await tick('2026-12-03T14:00:00Z')).toBe(1)
	expect(await tick('2026-12-03T14:01:00Z')).toBe(0)
	expect(await tick('2026-12-03T20:00:00Z')).toBe(0)
	expect(raws).toHaveLength(1)

	const mail = await simpleParser(raws[0] ?? '')
	expect(mail.subject).toBe('Your Convene digest: 2 updates')
	for (const [title, id] of [
		['Summarize the pilot surveys', first],
		['Collect county policies', second],
	] as const) {
		expect(mail.text).toContain(`Done: ${title}`)
		expect(mail.html).toContain(`href="https://convene.example.org/t/genai/assignments/${id}"`)
	}
	expect(mail.text).not.toContain('List open questions')
	const unsubscribe = (raws[0] ?? '').replace(/\r?\n[ \t]+/g, ' ').match(/^List-Unsubscribe: <([^>]+)>/m)?.[1]
	expect(unsubscribe).toMatch(/^https:\/\/convene\.example\.org\/unsubscribe\/[a-z2-7]{32}\/digest$/)

	// The next morning's digest carries the one that came after the hour, and only it.
	expect(await tick('2026-12-04T14:00:00Z')).toBe(1)
	expect(raws).toHaveLength(2)
	const next = await simpleParser(raws[1] ?? '')
	expect(next.subject).toBe('Your Convene digest: 1 update')
	expect(next.html).toContain(`/t/genai/assignments/${third}"`)
})
