import type { Browser, Page } from 'playwright-core'
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

/** Selects characters `from`–`to` of the first paragraph's text, as a mouse drag would. */
async function selectInFirstParagraph(page: Page, from: number, to: number): Promise<string> {
	return page.evaluate(
		([start, end]) => {
			const paragraph = document.querySelector('.ProseMirror p')
			const words = paragraph ? document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode() : null
			if (!words) throw new Error('no text to select')
			const range = document.createRange()
			range.setStart(words, start as number)
			range.setEnd(words, end as number)
			const selection = window.getSelection()
			selection?.removeAllRanges()
			selection?.addRange(range)
			return selection?.toString() ?? ''
		},
		[from, to],
	)
}

test('a member of another subcommittee comments on selected words while the lead types in them; the lead sees the anchor live, replies and resolves; an observer only reads', async () => {
	const lead = await sectionPage('lead@demo.test')
	const outsider = await sectionPage('outsider@demo.test')
	const text = outsider.page.locator('.ProseMirror p').first()
	await expect.poll(async () => ((await text.textContent()) ?? '').length, POLL).toBeGreaterThan(30)
	const selected = await selectInFirstParagraph(outsider.page, 4, 24)
	expect(selected.length).toBe(20)
	await outsider.page
		.getByRole('toolbar', { name: 'Review' })
		.getByRole('button', { name: 'Comment' })
		.click()
	await outsider.comments.getByText(`New comment on “${selected}”`).waitFor()

	// Before the comment is posted, the lead types at the start of the very paragraph.
	await lead.page
		.locator('.ProseMirror p')
		.first()
		.click({ position: { x: 2, y: 5 } })
	await lead.page.keyboard.press('Home')
	await lead.page.keyboard.type('Update: ')
	await expect.poll(async () => (await text.textContent())?.startsWith('Update: '), POLL).toBe(true)

	// The comment box has focus: type and post without the mouse.
	await outsider.page.keyboard.type('Which survey is this from?')
	await outsider.comments.getByRole('button', { name: 'Post comment' }).click()
	await expect
		.poll(() => outsider.comments.getByRole('status').textContent(), POLL)
		.toBe('Your comment is posted.')
	const thread = outsider.comments.getByRole('article', { name: `Comment on “${selected}”` })
	expect(await thread.textContent()).toContain('Which survey is this from?')
	// The anchor is on the words selected, in both browsers, live in the lead's.
	for (const page of [outsider.page, lead.page]) {
		await expect
			.poll(() => page.locator('.ProseMirror .comment-anchor').allTextContents(), POLL)
			.toEqual([selected])
	}
	expect(await findAccessibilityViolations(outsider.page)).toEqual([])
	await outsider.page.context().close()
	await lead.page.reload()
	await lead.comments.waitFor()

	// The lead replies and resolves it.
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
