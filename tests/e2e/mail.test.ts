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

/** A real SMTP server in the test process that keeps every message, parsed by mailparser. */
function startSmtp(port: number): Promise<SMTPServer> {
	return startSmtpSink(port, async (raw) => {
		const mail = await simpleParser(raw)
		const to = Array.isArray(mail.to) ? mail.to[0] : mail.to
		received.push({
			raw,
			to: to?.value[0]?.address ?? '',
			messageId: mail.messageId ?? '',
			subject: mail.subject ?? '',
			text: mail.text ?? '',
			html: typeof mail.html === 'string' ? mail.html : '',
			at: Date.now(),
		})
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
