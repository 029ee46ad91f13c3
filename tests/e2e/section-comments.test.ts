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
	// The author rewrites their comment on the page.
	await thread.getByText('Edit my comment').click()
	await thread.getByLabel('Your comment').fill('Which survey is this from? The 2023 one?')
	await thread.getByRole('button', { name: 'Save my comment' }).click()
	await expect
		.poll(() => outsider.comments.getByRole('status').textContent(), POLL)
		.toBe('Your comment is saved.')
	await expect
		.poll(() => thread.locator('.comment-body').allTextContents(), POLL)
		.toEqual(['Which survey is this from? The 2023 one?'])
	expect(await thread.textContent()).toContain('edited')
	expect(await findAccessibilityViolations(outsider.page)).toEqual([])
	await outsider.page.context().close()
	await lead.page.reload()
	await lead.comments.waitFor()

	// The lead replies from the keyboard, mentioning a writer picked from the completion list, and resolves it.
	const leadThread = lead.comments.getByRole('article', { name: `Comment on “${selected}”` })
	await leadThread.getByLabel('Reply').focus()
	await lead.page.keyboard.type('The 2024 resident survey; @Sam R')
	await leadThread.getByRole('option', { name: 'Sam Rivera' }).waitFor()
	await lead.page.keyboard.press('Enter')
	await lead.page.keyboard.type('has the link.')
	expect(await leadThread.getByLabel('Reply').inputValue()).toBe(
		'The 2024 resident survey; @Sam Rivera has the link.',
	)
	await lead.page.keyboard.press('Tab')
	await lead.page.keyboard.press('Enter')
	await expect.poll(() => lead.comments.getByRole('status').textContent(), POLL).toBe('Your reply is posted.')
	await expect
		.poll(() => leadThread.locator('.comment-body').allTextContents(), POLL)
		.toContain('The 2024 resident survey; @Sam Rivera has the link.')
	// The box is empty again and still has focus, for whoever has more to say.
	expect(await leadThread.getByLabel('Reply').inputValue()).toBe('')
	await leadThread.getByRole('button', { name: 'Resolve' }).focus()
	await lead.page.keyboard.press('Enter')
	await expect.poll(() => leadThread.getByRole('button', { name: 'Reopen' }).count(), POLL).toBe(1)
	expect(await lead.comments.textContent()).toContain('0 open, 1 resolved')
	await lead.page.context().close()

	// The mention reaches Sam: in the section's "Mentioning me" and in the document's list.
	const writer = await sectionPage('writer@demo.test')
	await writer.comments.getByRole('button', { name: 'Mentioning me' }).click()
	expect(await writer.comments.getByRole('article').count()).toBe(1)
	await writer.page.getByRole('link', { name: 'Generative AI for Local Governments' }).click()
	await writer.page.getByRole('link', { name: 'Mentioning me' }).click()
	const listed = writer.page.getByRole('region', { name: 'Comments' })
	await expect.poll(() => listed.textContent(), POLL).toContain(`“${selected}”`)
	expect(await findAccessibilityViolations(writer.page)).toEqual([])
	await writer.page.context().close()

	// An observer reads the thread but has no form to add to it.
	const observer = await sectionPage('observer@demo.test')
	expect(await observer.comments.textContent()).toContain('Which survey is this from? The 2023 one?')
	expect(await observer.comments.textContent()).toContain(
		'You may read the comments here but not add to them.',
	)
	expect(await observer.comments.getByRole('button', { name: 'Post comment' }).count()).toBe(0)
	expect(await observer.comments.getByRole('button', { name: 'Resolve', exact: true }).count()).toBe(0)
	await observer.page.context().close()

	// A co-chair lets observers comment, on the members page: the observer may now reply.
	const cochair = await openPage(browser)
	await signInThroughForm(cochair, server.origin, 'cochair@demo.test', '/t/genai/members')
	await cochair.getByLabel('Observers may comment on sections').check()
	await cochair
		.getByRole('region', { name: 'Comments from observers' })
		.getByRole('button', { name: 'Save' })
		.click()
	await expect
		.poll(() => cochair.getByRole('status').first().textContent(), POLL)
		.toContain('Observers may comment now.')
	await cochair.context().close()
	const allowed = await sectionPage('observer@demo.test')
	await allowed.comments.getByLabel('Reply').first().waitFor()
	await allowed.page.context().close()
})

/** Puts the caret at the start of `line` and extends the selection with Shift+→ until it reads `words`. */
async function selectFromLineStart(page: Page, line: ReturnType<Page['locator']>, words: string) {
	await line.click({ position: { x: 2, y: 5 } })
	await page.keyboard.press('Home')
	for (let i = 0; i < words.length + 4; i++) {
		if ((await page.evaluate(() => window.getSelection()?.toString())) === words) break
		await page.keyboard.press('Shift+ArrowRight')
	}
	expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(words)
	// ProseMirror reads the browser's selection on its next turn; a key pressed before that acts on the old one.
	await page.waitForTimeout(250)
}

test('from the keyboard, a writer comments on words, deletes them (the thread is kept, detached), undoes, and restores an old version: the thread is never lost', async () => {
	const lead = await sectionPage('lead@demo.test')
	const second = lead.page.locator('.ProseMirror p').nth(1)
	await expect
		.poll(async () => ((await second.textContent()) ?? '').startsWith('A public register'), POLL)
		.toBe(true)
	await selectFromLineStart(lead.page, second, 'A public')
	await lead.page.keyboard.press('Control+Alt+KeyM')
	await lead.comments.getByText('New comment on “A public”').waitFor()
	await lead.page.keyboard.type('Which register do we mean?')
	await lead.page.keyboard.press('Tab')
	await lead.page.keyboard.press('Enter')
	await expect
		.poll(() => lead.comments.getByRole('status').textContent(), POLL)
		.toBe('Your comment is posted.')
	const thread = lead.comments.getByRole('article', { name: 'Comment on “A public”' })
	await expect
		.poll(() => lead.page.locator('.ProseMirror .comment-anchor').allTextContents(), POLL)
		.toContain('A public')
	expect(await thread.textContent()).not.toContain('Detached')

	// Deleting the words takes the anchor away; the thread stays, marked detached, with its words.
	await selectFromLineStart(lead.page, second, 'A public')
	await lead.page.keyboard.press('Backspace')
	await expect.poll(() => thread.textContent(), POLL).toContain('Detached')
	// Undo brings the words back with their anchor.
	await lead.page.keyboard.press('Control+z')
	await expect.poll(() => thread.textContent(), POLL).not.toContain('Detached')
	await expect
		.poll(() => lead.page.locator('.ProseMirror .comment-anchor').allTextContents(), POLL)
		.toContain('A public')
	await lead.page.context().close()

	// Restoring the text as it was when editing began: the thread is still there with its comment.
	const restorer = await sectionPage('cochair@demo.test')
	await restorer.page.getByRole('link', { name: 'Saved versions' }).click()
	const oldest = restorer.page
		.getByRole('listitem')
		.filter({ hasText: /Kept automatically/ })
		.last()
	await oldest.getByRole('link', { name: /^Compare/ }).click()
	await restorer.page.getByRole('button', { name: 'Restore this version' }).click()
	await restorer.page.waitForURL(/restored=1/)
	const after = restorer.page.getByRole('region', { name: 'Comments' })
	const kept = after.getByRole('article', { name: 'Comment on “A public”' })
	const text = restorer.page.getByRole('textbox', { name: /^Text of / })
	await expect.poll(() => text.textContent(), POLL).not.toContain('Update: ')
	expect(await kept.textContent()).toContain('Which register do we mean?')
	await restorer.page.context().close()
})
