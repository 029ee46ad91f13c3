import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle } from './collab-client.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

const ENGAGEMENT = 'Community engagement and transparency'
const POLL = { timeout: 10_000, interval: 100 }

let server: RunningServer
let browser: Browser

beforeAll(async () => {
	;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})
afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

async function sectionPage(email: string) {
	const sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, email, `/t/genai/sections/${sectionId}`)
	const comments = page.getByRole('region', { name: 'Comments' })
	await comments.waitFor()
	return { page, comments }
}

test('a member of another subcommittee comments on a selected passage, the lead replies and resolves it; an observer only reads', async () => {
	const outsider = await sectionPage('outsider@demo.test')
	// Select words of the text, then Comment: the passage is taken from the selection.
	const text = outsider.page.locator('.ProseMirror p').first()
	await expect.poll(async () => ((await text.textContent()) ?? '').length, POLL).toBeGreaterThan(20)
	await outsider.page.evaluate(() => {
		const paragraph = document.querySelector('.ProseMirror p')
		if (!paragraph) throw new Error('no paragraph')
		const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
		const words = walker.nextNode()
		if (!words) throw new Error('no text to select')
		const range = document.createRange()
		range.setStart(words, 0)
		range.setEnd(words, Math.min(20, words.textContent?.length ?? 0))
		const selection = window.getSelection()
		selection?.removeAllRanges()
		selection?.addRange(range)
	})
	const selected = await outsider.page.evaluate(() => window.getSelection()?.toString().trim())
	expect(selected).toBeTruthy()
	await outsider.comments.getByRole('button', { name: 'Comment', exact: true }).click()
	expect(await outsider.comments.getByLabel('Passage').inputValue()).toBe(selected)
	// The comment box has focus: type and post without the mouse.
	await outsider.page.keyboard.type('Which survey is this from?')
	await outsider.comments.getByRole('button', { name: 'Post comment' }).click()
	await expect
		.poll(() => outsider.comments.getByRole('status').textContent(), POLL)
		.toBe('Your comment is posted.')
	const thread = outsider.comments.getByRole('article', { name: `Comment on “${selected}”` })
	expect(await thread.textContent()).toContain('Which survey is this from?')
	expect(await findAccessibilityViolations(outsider.page)).toEqual([])
	await outsider.page.context().close()

	// The lead replies and resolves it.
	const lead = await sectionPage('lead@demo.test')
	const leadThread = lead.comments.getByRole('article', { name: `Comment on “${selected}”` })
	await leadThread.getByLabel('Reply').fill('The 2024 resident survey.')
	await leadThread.getByRole('button', { name: 'Post reply' }).click()
	await expect.poll(() => leadThread.textContent(), POLL).toContain('The 2024 resident survey.')
	await leadThread.getByRole('button', { name: 'Resolve' }).click()
	await expect.poll(() => leadThread.getByRole('button', { name: 'Reopen' }).count(), POLL).toBe(1)
	expect(await lead.comments.textContent()).toContain('0 open, 1 resolved')
	await lead.page.context().close()

	// An observer reads the thread but has no form to add to it.
	const observer = await sectionPage('observer@demo.test')
	expect(await observer.comments.textContent()).toContain('Which survey is this from?')
	expect(await observer.comments.textContent()).toContain(
		'You may read the comments here but not add to them.',
	)
	expect(await observer.comments.getByRole('button', { name: 'Post comment' }).count()).toBe(0)
	expect(await observer.comments.getByRole('button', { name: 'Resolve' }).count()).toBe(0)
	await observer.page.context().close()
})
