import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle, storedText } from './collab-client.ts'
import { postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

// In the editing phase a member of the owning subcommittee suggests; the lead sees it live and
// accepts it; the accepted text is stored and still there after a restart.

const ENGAGEMENT = 'Community engagement and transparency'
const POLL = { timeout: 10_000, interval: 100 }
const dataDir = mkdtempSync(path.join(tmpdir(), 'convene-suggest-'))

let server: RunningServer
let browser: Browser
let sectionId: string

beforeAll(async () => {
	;[server, browser] = await Promise.all([startServer({}, { dataDir }), launchBrowser()])
	sectionId = sectionIdByTitle(dataDir, ENGAGEMENT)
	const advance = await postForm(
		server.origin,
		'/t/genai/settings/phases',
		{ intent: 'advance', from: 'writing', reason: 'Drafts are in; editing starts.' },
		await signIn(server.origin, 'cochair@demo.test'),
	)
	expect(advance.status).toBe(200)
})
afterAll(async () => {
	await browser?.close()
	await server?.stop()
	rmSync(dataDir, { recursive: true, force: true })
})

async function sectionPage(email: string): Promise<Page> {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, email, `/t/genai/sections/${sectionId}`)
	await page.locator('.ProseMirror p').first().waitFor()
	return page
}

test('a member suggests, the lead sees it live and accepts it from the keyboard; the text is stored and survives a restart', async () => {
	const lead = await sectionPage('lead@demo.test')
	const member = await sectionPage('writer@demo.test')
	const review = member.getByRole('toolbar', { name: 'Review' })
	const suggesting = review.getByRole('button', { name: 'Suggesting' })
	await expect.poll(() => suggesting.getAttribute('aria-pressed'), POLL).toBe('true')

	// The member types at the end of the first paragraph: it becomes a suggestion, in both browsers.
	const paragraph = member.locator('.ProseMirror p').first()
	await paragraph.click()
	await member.keyboard.press('End')
	await member.keyboard.type(' Publish the register in plain language.')
	for (const page of [member, lead]) {
		await expect
			.poll(() => page.locator('.ProseMirror ins.suggestion-insertion').allTextContents(), POLL)
			.toEqual([' Publish the register in plain language.'])
	}
	// Splitting a paragraph is not a suggestion: refused with a message, nothing changes.
	await member.keyboard.press('Enter')
	await expect.poll(() => review.textContent(), POLL).toContain('In suggesting mode you can change words')
	expect(await member.locator('.ProseMirror p').count()).toBe(await lead.locator('.ProseMirror p').count())

	// The accepted text is unchanged until the lead decides.
	expect(storedText(dataDir, sectionId)).toContain('insertion')
	const suggestions = lead.getByRole('region', { name: 'Suggestions' })
	await expect.poll(() => suggestions.textContent(), POLL).toContain('Sam Rivera')
	expect(await suggestions.textContent()).toContain('Add  Publish the register in plain language.')
	expect(await findAccessibilityViolations(lead)).toEqual([])
	const accept = suggestions.getByRole('button', { name: 'Accept', exact: true })
	await accept.focus()
	await lead.keyboard.press('Enter')
	for (const page of [lead, member]) {
		await expect.poll(() => page.locator('.ProseMirror ins').count(), POLL).toBe(0)
		await expect
			.poll(() => page.locator('.ProseMirror p').first().textContent(), POLL)
			.toContain('Publish the register in plain language.')
	}
	await expect.poll(() => storedText(dataDir, sectionId).includes('insertion'), POLL).toBe(false)
	// The decision is on the record, with whose suggestion it was.
	await expect
		.poll(async () => {
			await lead.goto(`${server.origin}/t/genai/activity`)
			return lead.locator('main').textContent()
		}, POLL)
		.toContain('accepted a suggestion by Sam Rivera in the section “Community engagement and transparency”')
	expect(storedText(dataDir, sectionId)).toContain('Publish the register in plain language.')
	await lead.context().close()
	await member.context().close()

	// After a restart the accepted text is what everyone opens.
	const port = Number(new URL(server.origin).port)
	await server.stop()
	server = await startServer({}, { dataDir, port })
	const later = await sectionPage('writer2@demo.test')
	await expect
		.poll(() => later.locator('.ProseMirror p').first().textContent(), POLL)
		.toContain('Publish the register in plain language.')
	expect(await later.locator('.ProseMirror ins').count()).toBe(0)
	await later.context().close()
})

test('the lead asks for a review, the reviewer answers from the keyboard, and the page shows who reviewed what', async () => {
	const lead = await sectionPage('lead@demo.test')
	const reviews = lead.getByRole('region', { name: 'Reviews' })
	await reviews.getByLabel('Ask for a review from').selectOption({ label: 'Priya Natarajan' })
	await reviews.getByRole('button', { name: 'Request review' }).click()
	await expect
		.poll(() => reviews.getByRole('status').textContent(), POLL)
		.toBe('Priya Natarajan is asked to review this section.')
	await lead.context().close()

	const reviewer = await sectionPage('writer2@demo.test')
	const mine = reviewer.getByRole('region', { name: 'Reviews' })
	await mine.getByRole('radio', { name: 'Changes requested' }).focus()
	await reviewer.keyboard.press('Space')
	await reviewer.keyboard.press('Tab')
	await reviewer.keyboard.type('Name the languages the notices come in.')
	await reviewer.keyboard.press('Tab')
	await reviewer.keyboard.press('Enter')
	await expect.poll(() => mine.getByRole('status').textContent(), POLL).toBe('Your review is sent.')
	await expect.poll(() => mine.textContent(), POLL).toContain('Priya Natarajan: Changes requested')
	expect(await mine.textContent()).toContain('Name the languages the notices come in.')
	expect(await findAccessibilityViolations(reviewer)).toEqual([])
	await reviewer.screenshot({ path: path.join(tmpdir(), 'convene-reviews.png'), fullPage: true })
	await reviewer.context().close()
})
