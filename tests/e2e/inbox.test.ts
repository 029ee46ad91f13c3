import { randomInt } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { get, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

const RESULTS = path.resolve(import.meta.dirname, '../../test-results')
const CHAIR = 'cochair@demo.test'

let server: RunningServer
let browser: Browser
let page: Page

function database(readonly = true) {
	return new Database(path.join(server.dataDir, 'convene.db'), { readonly })
}

function one<T>(sql: string, ...params: unknown[]): T {
	const db = database()
	try {
		return db.prepare(sql).get(...params) as T
	} finally {
		db.close()
	}
}

const unreadOf = (email: string) =>
	one<{ n: number }>(
		'select count(*) as n from notifications n join users u on u.id = n.user_id where u.email = ? and n.read_at is null',
		email,
	).n

/** An id of ours: 16 characters of base32. */
function newId() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
	return Array.from({ length: 16 }, () => alphabet[randomInt(32)]).join('')
}

/**
 * Tells the co-chair something by writing the inbox item into the running server's database, as
 * `notify` would in the transaction of someone else's change (SQLite's locking makes a second
 * writer safe); its email is "off", so nothing else follows.
 */
function tellChair(title: string, itemPath: string, taskForceSlug: string | null) {
	const db = database(false)
	try {
		const user = db.prepare('select id from users where email = ?').get(CHAIR) as { id: string }
		const taskForce = taskForceSlug
			? (db.prepare('select id from task_forces where slug = ?').get(taskForceSlug) as { id: string }).id
			: null
		db.prepare(
			`insert into notifications (id, user_id, task_force_id, kind, title, body, path, delivery, created_at)
			 values (?, ?, ?, 'mention', ?, 'Open it to read the comment.', ?, 'off', ?)`,
		).run(newId(), user.id, taskForce, title, itemPath, Date.now())
	} finally {
		db.close()
	}
}

/** The header's link to the inbox, by the name it must have for the given count. */
const inboxLink = (unread: number) =>
	page
		.locator('header.site-header')
		.getByRole('link', { name: unread === 0 ? 'Inbox' : `Inbox, ${unread} unread`, exact: true })

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

test('the count answers only the signed-in person, as JSON', async () => {
	const signedOut = await get(server.origin, '/inbox/count')
	expect(signedOut.status).toBe(401)
	const cookie = await signIn(server.origin, CHAIR)
	const response = await get(server.origin, '/inbox/count', cookie)
	expect(response.status).toBe(200)
	expect(response.headers.get('cache-control')).toBe('no-store')
	expect(await response.json()).toEqual({ unread: unreadOf(CHAIR) })
	// The page itself needs a session.
	expect((await get(server.origin, '/inbox')).headers.get('location')).toBe('/login?redirectTo=%2Finbox')
})

test('a new notification shows in the header without a reload, and is announced politely', async () => {
	// The next tests go on in this page, signed in as the co-chair.
	page = await openPage(browser)
	await signInThroughForm(page, server.origin, CHAIR)
	const before = unreadOf(CHAIR)
	await inboxLink(before).waitFor()
	await page.evaluate(() => {
		;(window as unknown as { notReloaded: boolean }).notReloaded = true
	})
	tellChair('Priya mentioned you in “Introduction”', '/t/genai/activity', 'genai')
	tellChair('Your notification settings changed', '/account#notifications', null)
	await inboxLink(before + 2).waitFor({ timeout: 25_000 })
	expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
	const status = page.locator('header.site-header [aria-live="polite"]')
	expect(await status.getAttribute('aria-live')).toBe('polite')
	expect(await status.textContent()).toBe(`${before + 2} unread in your inbox`)
})

test('the inbox groups by task force, marks unread in words, and marks read', async () => {
	const before = unreadOf(CHAIR)
	await inboxLink(before).click()
	await page.waitForURL(`${server.origin}/inbox`)
	await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor()
	expect(await page.title()).toBe('Inbox · Convene')
	const genai = one<{ name: string }>("select name from task_forces where slug = 'genai'").name
	const mention = page.getByRole('listitem').filter({ hasText: 'Priya mentioned you' })
	const settings = page.getByRole('listitem').filter({ hasText: 'Your notification settings changed' })
	await page.getByRole('heading', { level: 2, name: genai }).waitFor()
	await page.getByRole('heading', { level: 2, name: 'Convene' }).waitFor()
	expect(await mention.textContent()).toContain('Unread')
	expect(await findAccessibilityViolations(page)).toEqual([])
	mkdirSync(RESULTS, { recursive: true })
	await page.screenshot({ path: path.join(RESULTS, 'inbox.png'), fullPage: true })

	// Following an item goes to the thing and marks it read.
	await mention.getByRole('link', { name: 'Priya mentioned you in “Introduction”' }).click()
	await page.waitForURL(`${server.origin}/t/genai/activity`)
	await expect.poll(() => unreadOf(CHAIR)).toBe(before - 1)
	await page.goto(`${server.origin}/inbox`)
	expect(await mention.textContent()).not.toContain('Unread')
	expect(await settings.textContent()).toContain('Unread')
	await inboxLink(before - 1).waitFor()

	// Mark all read: nothing unread is left, and the header says so.
	await page.getByRole('button', { name: 'Mark all read' }).click()
	await inboxLink(0).waitFor()
	await page.getByText(/Marked \d+ notifications? read\./).waitFor({ state: 'attached' })
	expect(unreadOf(CHAIR)).toBe(0)
	expect(await page.locator('main').getByText('Unread', { exact: true }).count()).toBe(0)
	expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true)
})

test('the account page’s notification settings are saved and pass axe', async () => {
	await page.goto(`${server.origin}/account#notifications`)
	const card = page.locator('#notifications')
	await card.getByRole('heading', { name: 'Notifications' }).waitFor()
	const mention = card.getByRole('group', { name: 'When someone @mentions me' })
	await mention.getByRole('radio', { name: 'In Convene only' }).check()
	await card.getByLabel('Daily digest at').selectOption({ label: '17:00' })
	await card.getByLabel('Time zone').selectOption('Europe/Berlin')
	expect(await findAccessibilityViolations(page)).toEqual([])
	await card.getByRole('button', { name: 'Save notifications' }).click()
	await page.getByText('Saved: your notification emails follow these choices.').waitFor()
	await page.goto(`${server.origin}/account`)
	expect(await mention.getByRole('radio', { name: 'In Convene only' }).isChecked()).toBe(true)
	expect(await card.getByLabel('Daily digest at').inputValue()).toBe('17')
	expect(await card.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin')
	const row = one<{ digest_hour: number; time_zone: string }>(
		'select digest_hour, time_zone from users where email = ?',
		CHAIR,
	)
	expect(row).toEqual({ digest_hour: 17, time_zone: 'Europe/Berlin' })
	await page.screenshot({ path: path.join(RESULTS, 'account-notifications.png'), fullPage: true })
})
