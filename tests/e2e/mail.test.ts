import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { simpleParser } from 'mailparser'
import type { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { freePort, startSmtpSink } from '../support/smtp-sink.ts'
import { demoData, ENGAGEMENT } from './assignment-data.ts'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

/** One email as the SMTP server received it: raw source, parsed parts, and when it came. */
type Received = {
	raw: string
	to: string
	messageId: string
	subject: string
	text: string
	html: string
	at: number
}

const received: Received[] = []
let smtp: SMTPServer | null = null
let smtpPort = 0
let server: RunningServer

/** One message's raw text, parsed by mailparser. */
async function parseMail(raw: string): Promise<Received> {
	const mail = await simpleParser(raw)
	const to = Array.isArray(mail.to) ? mail.to[0] : mail.to
	return {
		raw,
		to: to?.value[0]?.address ?? '',
		messageId: mail.messageId ?? '',
		subject: mail.subject ?? '',
		text: mail.text ?? '',
		html: typeof mail.html === 'string' ? mail.html : '',
		at: Date.now(),
	}
}

/** A real SMTP server in the test process that keeps every message, parsed by mailparser. */
function startSmtp(port: number): Promise<SMTPServer> {
	return startSmtpSink(port, async (raw) => {
		received.push(await parseMail(raw))
	})
}

async function stopSmtp(): Promise<void> {
	const instance = smtp
	smtp = null
	if (instance) await new Promise<void>((resolve) => instance.close(() => resolve()))
}

function mailTo(address: string) {
	return received.filter((mail) => mail.to === address)
}

async function waitForMail(address: string, timeoutMs = 30_000): Promise<Received> {
	const deadline = Date.now() + timeoutMs
	for (;;) {
		const mail = mailTo(address)[0]
		if (mail) return mail
		if (Date.now() > deadline)
			throw new Error(`no email to ${address} within ${timeoutMs} ms:\n${server.output()}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every 100 ms until it holds; past the deadline, fails with `what()` explaining. */
async function waitUntil(check: () => boolean, what: () => string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`)
		await sleep(100)
	}
}

/** A header line of the raw message (unfolded), or null. */
function header(raw: string, name: string): string | null {
	const head = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? ''
	const line = head.split(/\r?\n/).find((each) => each.toLowerCase().startsWith(`${name.toLowerCase()}:`))
	return line ? line.slice(name.length + 1).trim() : null
}

async function invite(email: string) {
	const cookie = await signIn(server.origin, 'cochair@demo.test')
	const response = await postForm(
		server.origin,
		'/t/genai/members',
		{ intent: 'invite', email, role: 'member' },
		cookie,
	)
	expect(response.status).toBe(200)
	return (await response.text()).match(/\/invite\/[a-z2-7]{32}/)?.[0] ?? null
}

beforeAll(async () => {
	smtpPort = await freePort()
	smtp = await startSmtp(smtpPort)
	server = await startServer({
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		MAIL_FROM: 'Convene Test <convene@test.example.org>',
	})
})

afterAll(async () => {
	await server?.stop()
	await stopSmtp()
})

test('an invitation reaches the invited address within 30 s, with the link, a text and an HTML part', async () => {
	const cookie = await signIn(server.origin, 'cochair@demo.test')
	const response = await postForm(
		server.origin,
		'/t/genai/members',
		{ intent: 'invite', email: 'new-person@example.org', role: 'member' },
		cookie,
	)
	const started = Date.now()
	expect(response.status).toBe(200)
	const link = (await response.text()).match(/\/invite\/[a-z2-7]{32}/)?.[0] ?? null
	expect(link).not.toBeNull()
	const mail = await waitForMail('new-person@example.org')
	const latency = mail.at - started
	console.info(`invitation email delivered ${latency} ms after the invite`)
	expect(latency).toBeLessThan(30_000)
	expect(mail.text).toContain(`${server.origin}${link}`)
	expect(mail.html).toContain(`href="${server.origin}${link}"`)
	expect(mail.html).toContain('<html lang="en">')
	expect(mail.text).toContain('If you were not expecting this, ignore this message')
	expect(mail.subject).toBe('Dana Whitfield invited you to Generative AI in Local Government on Convene')
	expect(header(mail.raw, 'From')).toBe('Convene Test <convene@test.example.org>')
	expect(mail.messageId).toMatch(/^<[a-z2-7]{16}@convene\.invalid>$/)
	// Not a notification: nothing to unsubscribe from.
	expect(header(mail.raw, 'List-Unsubscribe')).toBeNull()
	expect(header(mail.raw, 'List-Unsubscribe-Post')).toBeNull()
	expect(mailTo('new-person@example.org')).toHaveLength(1)
})

test('while the mail server is down the email waits, with the error shown to admins, and arrives once when it is back', async () => {
	await stopSmtp()
	const address = 'waits-for-smtp@example.org'
	await invite(address)
	await sleep(3000)
	expect(mailTo(address)).toHaveLength(0)
	const admin = await signIn(server.origin, 'admin@demo.test')
	const page = await (await get(server.origin, '/admin', admin)).text()
	expect(page).toContain(address)
	expect(page).toContain('Last error:')
	expect(page).not.toContain('No mail server is configured')

	const back = Date.now()
	smtp = await startSmtp(smtpPort)
	const mail = await waitForMail(address, 30_000)
	console.info(`after the mail server came back, the waiting email arrived in ${mail.at - back} ms`)
	// A few more polls of the worker: still exactly one message with that Message-ID.
	await sleep(3000)
	expect(received.filter((each) => each.messageId === mail.messageId)).toHaveLength(1)
	expect(mailTo(address)).toHaveLength(1)
})

test('a notification email carries a one-click unsubscribe that works signed out and without our Origin', async () => {
	const data = demoData(server)
	const chair = await signIn(server.origin, 'cochair@demo.test')
	const created = await postForm(
		server.origin,
		'/t/genai/assignments/new',
		data.newAssignment(ENGAGEMENT, {
			title: 'Draft the outreach plan',
			assigneeId: data.userId('lead@demo.test'),
		}),
		chair,
	)
	expect(created.status).toBe(303)
	const mail = await waitForMail('lead@demo.test')
	const listUnsubscribe = header(mail.raw, 'List-Unsubscribe') ?? ''
	const url = listUnsubscribe.match(/<(http[^>]+)>/)?.[1] ?? ''
	expect(url).toMatch(new RegExp(`^${server.origin}/unsubscribe/[a-z2-7]{32}/assignment_assigned$`))
	expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
	expect(mail.html).toContain(`href="${url}"`)
	expect(mail.text).toContain(`${server.origin}/account`)
	expect(mail.text).toContain('You receive this because')

	const page = await fetch(url, { redirect: 'manual' })
	expect(page.status).toBe(200)
	expect(await page.text()).toContain('Stop emails about')

	// In a browser, signed out: the page meets WCAG 2.1 AA and its button works.
	const browser = await launchBrowser()
	try {
		const tab = await openPage(browser)
		await tab.goto(url)
		expect(await tab.locator('h1').textContent()).toBe(
			'Stop emails about Work assigned to me or taken off me?',
		)
		expect(await findAccessibilityViolations(tab)).toEqual([])
		await tab.getByRole('button', { name: 'Stop these emails' }).click()
		await tab.getByText('You will no longer get emails about').waitFor()
		expect(await findAccessibilityViolations(tab)).toEqual([])
	} finally {
		await browser.close()
	}

	// As a mail provider posts it (RFC 8058): no cookie, no Origin, no Referer.
	const oneClick = await fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'List-Unsubscribe=One-Click',
	})
	expect(oneClick.status).toBe(200)
	expect(await oneClick.text()).toContain('You will no longer get emails about')
	const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
	try {
		expect(
			db
				.prepare(
					"select delivery from notification_settings where kind = 'assignment_assigned' and user_id = (select id from users where email = 'lead@demo.test')",
				)
				.get(),
		).toEqual({ delivery: 'off' })
	} finally {
		db.close()
	}

	// A wrong token is a plain 404 that says nothing about anyone, for GET and POST alike.
	const wrong = url.replace(/\/unsubscribe\/[a-z2-7]{32}\//, '/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/')
	expect((await fetch(wrong)).status).toBe(404)
	expect(
		(
			await fetch(wrong, {
				method: 'POST',
				body: 'List-Unsubscribe=One-Click',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			})
		).status,
	).toBe(404)
	// Any other POST without our Origin is still refused.
	expect((await fetch(`${server.origin}/account`, { method: 'POST', body: '' })).status).toBe(403)
})

test('an assignment made in the browser gives its assignee one inbox item and one email with the right recipient, subject, link and unsubscribe header', async () => {
	const data = demoData(server)
	const assignee = 'writer@demo.test'
	const assigneeName = data.query<{ name: string }>('select name from users where email = ?', assignee).name
	const title = 'Summarize the pilot cities feedback for the mail test'
	const browser = await launchBrowser()
	try {
		const chair = await openPage(browser)
		await signInThroughForm(chair, server.origin, 'cochair@demo.test', '/t/genai/assignments')
		await chair.getByRole('link', { name: 'New assignment' }).click()
		await chair.getByLabel('Title').fill(title)
		await chair.getByLabel('Subcommittee').selectOption({ label: ENGAGEMENT })
		await chair.getByLabel('Assignee (optional)').selectOption({ label: assigneeName })
		await chair.getByLabel('Due date').fill(data.dueSoon())
		await chair.getByRole('button', { name: 'Create assignment' }).click()
		await chair.getByText('Assignment created.').waitFor()
		const id = new URL(chair.url()).pathname.match(/^\/t\/genai\/assignments\/([a-z2-7]{16})$/)?.[1] ?? ''
		expect(id, `the page after creating: ${chair.url()}`).not.toBe('')
		const assignmentPath = `/t/genai/assignments/${id}`
		const link = `${server.origin}${assignmentPath}`

		// The email: the one about this assignment, to the assignee. (Due-date reminders of the demo's
		// own work may reach the same address from the notification jobs; they are not about this one.)
		const aboutIt = () => mailTo(assignee).filter((mail) => mail.text.includes(link))
		await waitUntil(
			() => aboutIt().length > 0,
			() => `no email to ${assignee} about ${assignmentPath}:\n${server.output()}`,
		)
		// A few more polls of the mail worker: still exactly one.
		await sleep(2500)
		expect(aboutIt()).toHaveLength(1)
		expect(
			mailTo(assignee).filter((mail) => !/^(Overdue|Due tomorrow|Due in 3 days): /.test(mail.subject)),
		).toHaveLength(1)
		const mail = aboutIt()[0] as Received
		expect(mail.to).toBe(assignee)
		// As `noticeAssignmentChange` words it, with the task force's name after it (`notify`).
		expect(mail.subject).toBe(`Assigned to you: ${title} · Generative AI in Local Government`)
		expect(mail.text).toContain(`\n${link}\n`)
		expect(mail.html).toContain(`href="${link}"`)
		const token = data.query<{ mail_token: string }>(
			'select mail_token from users where email = ?',
			assignee,
		).mail_token
		expect(token).toMatch(/^[a-z2-7]{32}$/)
		const unsubscribe = `${server.origin}/unsubscribe/${token}/assignment_assigned`
		expect(header(mail.raw, 'List-Unsubscribe')).toMatch(
			new RegExp(`^<${unsubscribe.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}>( \\(Unsubscribe\\))?$`),
		)
		expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
		expect(header(mail.raw, 'From')).toBe('Convene Test <convene@test.example.org>')
		// It is the outbox row the change queued, sent with that row's Message-ID and marked sent.
		const row = data.query<{ message_id: string; sent_at: number | null; n: number }>(
			'select message_id, sent_at, count(*) over () as n from outbound_messages where "to" = ? and subject = ?',
			assignee,
			mail.subject,
		)
		expect(row.n).toBe(1)
		expect(mail.messageId).toBe(row.message_id)
		expect(row.sent_at).not.toBeNull()

		// The inbox: exactly one item for it, in the page and in the database.
		const writer = await openPage(browser)
		await signInThroughForm(writer, server.origin, assignee, '/inbox')
		await writer.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor()
		const items = writer.locator(`main a[href="${assignmentPath}"]`)
		expect(await items.count()).toBe(1)
		expect(await items.textContent()).toBe(`Assigned to you: ${title}`)
		const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
		try {
			expect(
				db
					.prepare(
						`select kind, title from notifications
						 where user_id = (select id from users where email = ?) and path = ?`,
					)
					.all(assignee, assignmentPath),
			).toEqual([{ kind: 'assignment_assigned', title: `Assigned to you: ${title}` }])
			// The co-chair made the change and is not told of it.
			expect(
				db
					.prepare(
						'select count(*) as n from notifications where user_id = (select id from users where email = ?) and path = ?',
					)
					.get('cochair@demo.test', assignmentPath),
			).toEqual({ n: 0 })
		} finally {
			db.close()
		}
	} finally {
		await browser.close()
	}
}, 90_000)

test('without SMTP_URL the outbox keeps the invitation and the admin page shows it with its link', async () => {
	const plain = await startServer()
	try {
		const cookie = await signIn(plain.origin, 'cochair@demo.test')
		const response = await postForm(
			plain.origin,
			'/t/genai/members',
			{ intent: 'invite', email: 'by-hand@example.org', role: 'member' },
			cookie,
		)
		const link = (await response.text()).match(/\/invite\/[a-z2-7]{32}/)?.[0] ?? ''
		expect(link).not.toBe('')
		const admin = await signIn(plain.origin, 'admin@demo.test')
		const page = await (await get(plain.origin, '/admin', admin)).text()
		expect(page).toContain('No mail server is configured (SMTP_URL): these emails are not sent.')
		expect(page).toContain('by-hand@example.org')
		expect(page).toContain(`${plain.origin}${link}`)
	} finally {
		await plain.stop()
	}
})

test('kill -9 of Convene in the middle of sending neither loses nor duplicates a message (counted by Message-ID)', async () => {
	/**
	 * The sink's behaviour goes by order of arrival, whoever the message is to (the demo's own
	 * due-date reminders are in the outbox too, queued a second after start): the 1st and 2nd are
	 * accepted at once; the 3rd is kept as received but its 250 is held back until Convene has been
	 * killed, so Convene dies with that message sent but not acknowledged. Every later one (after
	 * the restart) is accepted at once.
	 */
	const HELD = 3
	type Delivery = Received & { arrival: number }
	const deliveries: Delivery[] = []
	let arrivals = 0
	let releaseHeld = () => {}
	const held = new Promise<void>((resolve) => {
		releaseHeld = resolve
	})
	const sinkPort = await freePort()
	const sink = await startSmtpSink(sinkPort, async (raw) => {
		const arrival = ++arrivals
		deliveries.push({ ...(await parseMail(raw)), arrival })
		if (arrival === HELD) await held
	})
	sink.on('error', (error) => console.warn(`SMTP sink error: ${error}`))
	const env = {
		SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
		MAIL_FROM: 'Convene Test <convene@test.example.org>',
	}
	const dataDir = mkdtempSync(path.join(tmpdir(), 'convene-e2e-mail-crash-'))
	const port = await freePort()
	type Row = { id: string; to: string; message_id: string; sent_at: number | null }
	const outbox = () => {
		const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
		try {
			return db.prepare('select id, "to", message_id, sent_at from outbound_messages').all() as Row[]
		} finally {
			db.close()
		}
	}
	const invited = Array.from({ length: 6 }, (_, i) => `crash-${i + 1}@example.org`)
	let first: RunningServer | null = null
	let second: RunningServer | null = null
	try {
		first = await startServer(env, { dataDir, port })
		const running = first
		// Queued quickly, one after another; the worker may already be sending some of them.
		const cookie = await signIn(running.origin, 'cochair@demo.test')
		for (const email of invited) {
			const response = await postForm(
				running.origin,
				'/t/genai/members',
				{ intent: 'invite', email, role: 'member' },
				cookie,
			)
			expect(response.status).toBe(200)
			expect(await response.text()).toMatch(/\/invite\/[a-z2-7]{32}/)
		}
		await waitUntil(
			() => deliveries.some((each) => each.arrival === HELD),
			() => `the sink got ${arrivals} messages, not ${HELD}:\n${running.output()}`,
		)
		const heldMail = deliveries.find((each) => each.arrival === HELD) as Delivery
		const acceptedBefore = deliveries.filter((each) => each.arrival < HELD)
		expect(acceptedBefore.map((each) => each.arrival).sort()).toEqual([1, 2])
		// The worker sends one message at a time and marks a row sent right after the SMTP server's
		// 250, before it starts the next one: so the two accepted ones are marked sent by now. The
		// held one cannot be: its 250 has not been given, and the worker marks a row only after
		// `sendMail` resolved, i.e. after the 250. So the kill below always falls between "received
		// by the SMTP server" and "marked sent", the window where a resend (same Message-ID) is due.
		const beforeCrash = new Map(outbox().map((row) => [row.message_id, row]))
		for (const mail of acceptedBefore) {
			expect(beforeCrash.get(mail.messageId), mail.messageId).toMatchObject({ sent_at: expect.any(Number) })
		}
		expect(beforeCrash.get(heldMail.messageId), heldMail.messageId).toMatchObject({ sent_at: null })

		await running.crash()
		// Now the 250 may go: the connection is gone, so it reaches no one; the sink just finishes.
		releaseHeld()
		const unsentInvitations = [...beforeCrash.values()].filter(
			(row) => invited.includes(row.to) && row.sent_at === null,
		).length
		console.info(
			`killed Convene while the SMTP server held message ${HELD} (${heldMail.to}: ${heldMail.subject}); ${beforeCrash.size} messages in the outbox, ${unsentInvitations} of the ${invited.length} invitations unsent`,
		)

		second = await startServer(env, { dataDir, port })
		const restarted = second
		const restartedAt = Date.now()
		const acknowledged = (messageId: string) =>
			deliveries.filter((each) => each.messageId === messageId && each.arrival !== HELD).length
		await waitUntil(
			() =>
				invited.every((address) => deliveries.some((each) => each.to === address)) &&
				outbox().every((row) => row.sent_at !== null && acknowledged(row.message_id) > 0),
			() =>
				`after the restart, not every message was sent and received: ${JSON.stringify(outbox())}\n${restarted.output()}`,
		)
		console.info(`after the restart the outbox was sent in ${Date.now() - restartedAt} ms`)
		// A few more polls of the worker, for any late resend.
		await sleep(2500)

		const rows = outbox()
		const invitationRows = rows.filter((row) => invited.includes(row.to))
		expect(invitationRows.map((row) => row.to).sort()).toEqual([...invited].sort())
		// None lost, none made up: the distinct Message-IDs received are exactly those of the outbox …
		const distinct = (mails: Delivery[]) => [...new Set(mails.map((each) => each.messageId))].sort()
		expect(distinct(deliveries)).toEqual(rows.map((row) => row.message_id).sort())
		// … and for the invitations, exactly those of their rows, one distinct Message-ID per address.
		expect(distinct(deliveries.filter((each) => invited.includes(each.to)))).toEqual(
			invitationRows.map((row) => row.message_id).sort(),
		)
		for (const row of invitationRows) {
			expect(distinct(deliveries.filter((each) => each.to === row.to))).toEqual([row.message_id])
		}
		// Each message was accepted (answered 250) exactly once, and every row is marked sent.
		for (const row of rows) {
			expect(acknowledged(row.message_id), `${row.to} ${row.message_id}`).toBe(1)
			expect(row.sent_at, `${row.to} ${row.message_id}`).not.toBeNull()
		}
		// The two accepted before the kill were not sent again.
		for (const mail of acceptedBefore) {
			expect(deliveries.filter((each) => each.messageId === mail.messageId)).toHaveLength(1)
		}
		// Only the held one came twice (its 250 never reached Convene), and with the same Message-ID.
		const rawOfHeld = deliveries.filter((each) => each.messageId === heldMail.messageId).length
		console.info(
			`${deliveries.length} raw deliveries for ${rows.length} outbox messages; the held one arrived ${rawOfHeld} times`,
		)
		expect(rawOfHeld).toBeLessThanOrEqual(2)
		expect(
			distinct(deliveries).filter(
				(messageId) => deliveries.filter((each) => each.messageId === messageId).length > 1,
			),
		).toEqual(rawOfHeld > 1 ? [heldMail.messageId] : [])
		expect(deliveries).toHaveLength(rows.length + rawOfHeld - 1)
	} finally {
		releaseHeld()
		await second?.stop()
		// A killed process cannot be stopped (it would wait for an exit already past); make sure it is gone.
		await first?.crash()
		await new Promise<void>((resolve) => sink.close(() => resolve()))
		rmSync(dataDir, { recursive: true, force: true })
	}
}, 120_000)
