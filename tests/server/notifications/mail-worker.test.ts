import { eq } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import { afterEach, expect, test } from 'vitest'
import { outboundMessages, users } from '#db/schema/index.ts'
import { GIVE_UP_AFTER_MS, retryDelay } from '#server/notifications/mail-worker.server.ts'
import { enqueueMail } from '#server/notifications/outbox.server.ts'
import { createUser } from '../../factories/users.ts'
import { startTestMailWorker } from '../../support/mail-worker.ts'
import { freePort, startSmtpSink } from '../../support/smtp-sink.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const T0 = Date.parse('2026-12-01T12:00:00Z')
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function smtpServer(port: number, raws: string[]) {
	const server = await startSmtpSink(port, (raw) => void raws.push(raw))
	return () => new Promise<void>((resolve) => server.close(() => resolve()))
}

async function setting() {
	const { db } = createTempDatabase()
	const person = createUser(db, { email: 'pat@example.org' })
	let now = T0
	const port = await freePort()
	const worker = startTestMailWorker(db, port, () => now)
	cleanups.push(() => worker.stop())
	const row = (id: string) => db.select().from(outboundMessages).where(eq(outboundMessages.id, id)).get()
	return {
		db,
		person,
		port,
		worker,
		row,
		setNow: (at: number) => {
			now = at
		},
	}
}

test('the retry delay starts at 10 s and doubles up to 15 minutes', () => {
	expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelay)).toEqual([
		10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000, 900_000,
	])
})

test('a notification is sent once, with its Message-ID, both parts and a one-click unsubscribe', async () => {
	const { db, person, port, worker, row } = await setting()
	const raws: string[] = []
	cleanups.push(await smtpServer(port, raws))
	const id = enqueueMail(db, {
		to: person.email,
		userId: person.id,
		subject: 'Review asked of you',
		body: 'Review asked of you',
		payload: {
			template: 'notification',
			kind: 'review_requested',
			title: 'Review asked of you',
			body: '',
			path: '/t/genai/sections/s1',
			taskForceName: 'GenAI',
		},
		now: T0,
	})
	await worker.drainNow()
	await worker.drainNow()
	expect(raws).toHaveLength(1)
	const mail = await simpleParser(raws[0] ?? '')
	expect(mail.messageId).toBe(`<${id}@convene.invalid>`)
	expect(mail.text).toContain('https://convene.example.org/t/genai/sections/s1')
	expect(mail.html).toContain('<html lang="en">')
	const token = db.select({ t: users.mailToken }).from(users).where(eq(users.id, person.id)).get()?.t
	expect(token).toMatch(/^[a-z2-7]{32}$/)
	const unsubscribe = `https://convene.example.org/unsubscribe/${token}/review_requested`
	const unfolded = (raws[0] ?? '').replace(/\r?\n[ \t]+/g, ' ')
	expect(unfolded).toMatch(new RegExp(`^List-Unsubscribe: <${unsubscribe}>`, 'm'))
	expect(raws[0]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
	expect(row(id)?.sentAt).toBe(T0)
})

test('a refused send is retried with backoff, and given up a day after it was queued', async () => {
	const { db, person, worker, row, setNow } = await setting()
	// No SMTP server listens on the port: every attempt fails.
	const id = enqueueMail(db, {
		to: person.email,
		userId: null,
		subject: 'Old',
		body: 'Old',
		payload: { template: 'invitation', inviterName: 'A', taskForceName: 'B', role: 'member', link: 'x' },
		now: T0,
	})
	await worker.drainNow()
	expect(row(id)).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 10_000, failedAt: null, sentAt: null })
	expect(row(id)?.lastError).toMatch(/ECONNREFUSED|connect/i)
	// Not yet due: nothing is tried.
	setNow(T0 + 9_999)
	await worker.drainNow()
	expect(row(id)?.attempts).toBe(1)
	setNow(T0 + 10_000)
	await worker.drainNow()
	expect(row(id)).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 10_000 + 20_000, failedAt: null })
	const late = T0 + GIVE_UP_AFTER_MS
	setNow(late)
	await worker.drainNow()
	expect(row(id)).toMatchObject({ attempts: 3, failedAt: late, sentAt: null })
	setNow(late + 60 * 60_000)
	await worker.drainNow()
	expect(row(id)?.attempts).toBe(3)
})

test('an older row without a payload is sent with its body as the text', async () => {
	const { db, port, worker, row } = await setting()
	const raws: string[] = []
	cleanups.push(await smtpServer(port, raws))
	db.insert(outboundMessages)
		.values({ id: 'old-row', to: 'x@example.org', subject: 'Hi', body: 'Plain body', createdAt: T0 })
		.run()
	await worker.drainNow()
	expect(raws).toHaveLength(1)
	const mail = await simpleParser(raws[0] ?? '')
	expect(mail.text?.trim()).toBe('Plain body')
	expect(mail.html).toBe(false)
	expect(raws[0]).not.toMatch(/^List-Unsubscribe/m)
	expect(row('old-row')?.sentAt).toBe(T0)
})
