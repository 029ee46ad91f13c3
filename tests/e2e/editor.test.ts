import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLOSE_CODES, explainClose } from '#shared/collab/close-codes.ts'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle, storedText } from './collab-client.ts'
import {
	openSection,
	personName,
	sectionLocators,
	startParagraphAfterHeading,
	startParagraphAtEnd,
	typeAtEnd,
	typeHere,
} from './editor-pages.ts'
import { get, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

const ENGAGEMENT = 'Community engagement and transparency'
const POLL = { timeout: 10_000, interval: 100 }

let server: RunningServer
let browser: Browser
let sectionId: string

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

describe('writing a section together', () => {
	test('two members type at the same time and each sees the other’s text and named caret; a reload shows it all', async () => {
		const one = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
		const two = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
		for (const writer of [one, two])
			await expect.poll(() => writer.status.textContent(), POLL).toContain('Saved')
		expect(await one.text.textContent()).toContain('Start with residents')

		// Both at once, in different places: two people typing at the very same spot interleave
		// their letters, as in any live editor. Each finds their place first (as people do), then
		// both type at the same time.
		await startParagraphAfterHeading(one, 'Start with residents')
		await expect.poll(() => two.text.locator('p').count(), POLL).toBeGreaterThan(2)
		await startParagraphAtEnd(two)
		await Promise.all([
			typeHere(one, 'Pilot with three neighborhoods first.'),
			typeHere(two, 'Publish the register in plain language.'),
		])

		for (const writer of [one, two]) {
			await expect
				.poll(() => writer.text.textContent(), POLL)
				.toContain('Pilot with three neighborhoods first.')
			await expect
				.poll(() => writer.text.textContent(), POLL)
				.toContain('Publish the register in plain language.')
		}
		const caretOf = (writer: typeof one, email: string) =>
			writer.page.locator('.collaboration-carets__label', { hasText: personName(server.dataDir, email) })
		await caretOf(one, 'writer2@demo.test').waitFor()
		await caretOf(two, 'writer@demo.test').waitFor()
		// Each sees the other in the presence list, with their organization.
		await one.page
			.getByRole('region', { name: 'In this section now' })
			.getByText(personName(server.dataDir, 'writer2@demo.test'))
			.waitFor()

		for (const writer of [one, two]) await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		const stored = storedText(server.dataDir, sectionId)
		expect(stored).toContain('Pilot with three neighborhoods first.')
		expect(stored).toContain('Publish the register in plain language.')

		await one.page.reload()
		const reloaded = await sectionLocators(one.page)
		await expect
			.poll(() => reloaded.text.textContent(), POLL)
			.toContain('Publish the register in plain language.')
		expect(await reloaded.text.textContent()).toContain('Pilot with three neighborhoods first.')
		await one.page.context().close()
		await two.page.context().close()
	})

	test('an observer sees live updates in a read-only editor', async () => {
		const observer = await openSection(browser, server.origin, 'observer@demo.test', sectionId)
		const writer = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
		await expect
			.poll(() => observer.status.textContent(), POLL)
			.toContain('Read only: observers read but do not edit')
		expect(await observer.text.getAttribute('contenteditable')).toBe('false')
		expect(await observer.page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(0)

		await typeAtEnd(writer, 'Observers see this as it is typed.')
		await expect.poll(() => observer.text.textContent(), POLL).toContain('Observers see this as it is typed.')

		await observer.text.click()
		await observer.page.keyboard.type('OBSERVER TYPED THIS')
		await observer.page.waitForTimeout(300)
		expect(await observer.text.textContent()).not.toContain('OBSERVER TYPED THIS')
		expect(await writer.text.textContent()).not.toContain('OBSERVER TYPED THIS')
		await observer.page.context().close()
		await writer.page.context().close()
	})

	test('a writer who goes offline keeps typing, and the text arrives after reconnecting', async () => {
		const traveller = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
		const colleague = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
		await expect.poll(() => traveller.status.textContent(), POLL).toBe('Saved')

		// The browser reports the network gone ('offline' event, navigator.onLine false) and the
		// editor closes its socket at once; emulated offline also refuses new connections.
		await traveller.page.context().setOffline(true)
		await expect
			.poll(() => traveller.status.textContent(), POLL)
			.toBe('Offline — your changes are kept on this device and will sync')
		await typeAtEnd(traveller, 'Drafted on the train without a connection.')
		expect(await traveller.text.getAttribute('contenteditable')).toBe('true')
		await traveller.page.waitForTimeout(500)
		expect(await colleague.text.textContent()).not.toContain('Drafted on the train')
		expect(storedText(server.dataDir, sectionId)).not.toContain('Drafted on the train')

		await traveller.page.context().setOffline(false)
		await expect
			.poll(() => colleague.text.textContent(), POLL)
			.toContain('Drafted on the train without a connection.')
		await expect.poll(() => traveller.status.textContent(), POLL).toBe('Saved')
		expect(storedText(server.dataDir, sectionId)).toContain('Drafted on the train without a connection.')
		await traveller.page.context().close()
		await colleague.page.context().close()
	})

	test('edits made offline survive closing the page and are sent when the section is opened again', async () => {
		const writer = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
		await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		const context = writer.page.context()
		await context.setOffline(true)
		await expect.poll(() => writer.status.textContent(), POLL).toContain('Offline')
		await typeAtEnd(writer, 'Kept in this browser until the next visit.')
		// y-indexeddb writes each update as it happens; give the write a moment to land.
		await writer.page.waitForTimeout(500)
		await writer.page.close()
		expect(storedText(server.dataDir, sectionId)).not.toContain('Kept in this browser')

		await context.setOffline(false)
		const page = await context.newPage()
		await page.goto(`${server.origin}/t/genai/sections/${sectionId}`)
		const again = await sectionLocators(page)
		await expect
			.poll(() => again.text.textContent(), POLL)
			.toContain('Kept in this browser until the next visit.')
		await expect.poll(() => again.status.textContent(), POLL).toBe('Saved')
		expect(storedText(server.dataDir, sectionId)).toContain('Kept in this browser until the next visit.')
		await context.close()
	})
})

describe('the section page', () => {
	test('says where the section belongs and what state it is in', async () => {
		const writer = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
		const { page } = writer
		expect(await page.locator('h1').textContent()).toBe(ENGAGEMENT)
		await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').click()
		await page.waitForURL(/\/t\/genai\/documents\//)
		await page.context().close()
	})

	test('has no WCAG 2.1 AA violations, for a writer and for an observer, on a laptop and a phone', async () => {
		for (const [email, width] of [
			['writer@demo.test', 1280],
			['observer@demo.test', 390],
		] as const) {
			const section = await openSection(browser, server.origin, email, sectionId, { width })
			await expect.poll(() => section.status.textContent(), POLL).toMatch(/Saved|Read only/)
			expect(await findAccessibilityViolations(section.page)).toEqual([])
			await section.page.context().close()
		}
	})

	test('is 404 for a non-member, an unknown section, another task force’s section and a removed one', async () => {
		const admin = await signIn(server.origin, 'admin@demo.test')
		const writer = await signIn(server.origin, 'writer@demo.test')
		const status = async (id: string, cookie: string) =>
			(await get(server.origin, `/t/genai/sections/${id}`, cookie)).status
		expect(await status(sectionId, writer)).toBe(200)
		expect(await status(sectionId, admin)).toBe(404)
		expect(await status('nosuchsection', writer)).toBe(404)
		const db = new Database(path.join(server.dataDir, 'convene.db'))
		try {
			const elsewhere = db
				.prepare(
					`select s.id from sections s join documents d on d.id = s.document_id
					 join task_forces t on t.id = d.task_force_id where t.slug != 'genai' limit 1`,
				)
				.get() as { id: string }
			expect(await status(elsewhere.id, writer)).toBe(404)
			const removed = sectionIdByTitle(server.dataDir, 'Appendices and resources')
			expect(await status(removed, writer)).toBe(200)
			db.prepare('update sections set removed_at = ? where id = ?').run(Date.now(), removed)
			expect(await status(removed, writer)).toBe(404)
		} finally {
			db.close()
		}
	})
})

test('a section of a published task force says its text no longer changes, not that it shows changes live', async () => {
	const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
	const published = db
		.prepare(
			`select s.id from sections s join documents d on d.id = s.document_id
			 join task_forces t on t.id = d.task_force_id where t.slug = 'data-governance' limit 1`,
		)
		.get() as { id: string }
	db.close()
	const page = await openPage(browser)
	await signInThroughForm(
		page,
		server.origin,
		'cochair@demo.test',
		`/t/data-governance/sections/${published.id}`,
	)
	const section = await sectionLocators(page)
	// Wait until the socket has synced: that is when a live editor would add "Showing changes live".
	await expect.poll(() => section.text.textContent(), POLL).not.toBe('')
	await page.waitForTimeout(500)
	expect(await section.status.textContent()).toBe('Published — this text no longer changes')
	expect(await section.text.getAttribute('contenteditable')).toBe('false')
	await page.context().close()
})

describe('when access changes while the editor is open', () => {
	/** Runs `sql` on the server's database, as a co-chair's action or an admin's would. */
	function change(sql: string, ...params: unknown[]) {
		const db = new Database(path.join(server.dataDir, 'convene.db'))
		try {
			db.prepare(sql).run(...params)
		} finally {
			db.close()
		}
	}

	test('the editor becomes read-only and says why, and writable again when the access returns', async () => {
		const writer = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
		await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		change("update task_forces set status = 'published' where slug = 'genai'")
		try {
			await expect
				.poll(() => writer.status.textContent(), POLL)
				.toContain('Published — this text no longer changes')
			expect(await writer.status.textContent()).not.toContain('live')
			expect(await writer.text.getAttribute('contenteditable')).toBe('false')
		} finally {
			change("update task_forces set status = 'active' where slug = 'genai'")
		}
		await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		expect(await writer.text.getAttribute('contenteditable')).toBe('true')
		await typeAtEnd(writer, 'Writable again after the access came back.')
		await expect
			.poll(() => storedText(server.dataDir, sectionId), POLL)
			.toContain('Writable again after the access came back.')
		await writer.page.context().close()
	})

	test('a session that ends closes the editor with an explanation instead of reconnecting', async () => {
		const writer = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
		await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		const sockets: string[] = []
		writer.page.on('websocket', (socket) => sockets.push(socket.url()))
		change("delete from sessions where user_id = (select id from users where email = 'writer2@demo.test')")
		await expect.poll(() => writer.status.textContent(), POLL).toBe(explainClose(CLOSE_CODES.SIGNED_OUT))
		expect(await writer.text.getAttribute('contenteditable')).toBe('false')
		await writer.page.getByRole('link', { name: 'Sign in again' }).waitFor()
		await writer.page.waitForTimeout(1_500)
		expect(sockets).toEqual([])
		await writer.page.context().close()
	})

	test('a reconnect the server refuses (signed out meanwhile) is explained, not retried forever', async () => {
		const writer = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
		await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
		await writer.page.context().setOffline(true)
		await expect.poll(() => writer.status.textContent(), POLL).toContain('Offline')
		change("delete from sessions where user_id = (select id from users where email = 'writer2@demo.test')")
		await writer.page.context().setOffline(false)
		// The refused upgrade (401) looks like a dropped network to the page; the editor asks why.
		await expect.poll(() => writer.status.textContent(), POLL).toBe(explainClose(CLOSE_CODES.SIGNED_OUT))
		await writer.page.getByRole('link', { name: 'Sign in again' }).waitFor()
		await writer.page.context().close()
	})
})
