import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle, storedText } from './collab-client.ts'
import { openSection, personName, typeHere } from './editor-pages.ts'
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

test('a writer’s accidental deletion is kept as a version, compared word by word, and undone by another writer', async () => {
	const sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
	const original = storedText(server.dataDir, sectionId)
	expect(original).toContain('Start with residents')
	const versionsUrl = `${server.origin}/t/genai/sections/${sectionId}/versions`

	// A writer selects everything, deletes it by accident, types a word, and leaves.
	const careless = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
	await expect.poll(() => careless.status.textContent(), POLL).toBe('Saved')
	await careless.text.click()
	await careless.page.keyboard.press('Control+A')
	await careless.page.keyboard.press('Backspace')
	await typeHere(careless, 'Oops.')
	await expect.poll(() => storedText(server.dataDir, sectionId), POLL).not.toContain('Start with residents')
	await careless.page.context().close()

	// Another writer finds the versions: the text as it was when editing began, and the change.
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer2@demo.test', `/t/genai/sections/${sectionId}/versions`)
	const rows = page.getByRole('listitem').filter({ hasText: /Kept automatically/ })
	await expect.poll(() => rows.count(), POLL).toBe(2)
	const latest = rows.first()
	await expect.poll(() => latest.textContent(), POLL).toContain('Saved automatically')
	expect(await latest.textContent()).toContain(`Changed by ${personName(server.dataDir, 'writer@demo.test')}`)
	expect(await rows.nth(1).textContent()).toContain('As it was when editing began')
	expect(await findAccessibilityViolations(page)).toEqual([])

	// Compared with the current text: the deleted words are struck through, “Oops.” is added.
	await rows
		.nth(1)
		.getByRole('link', { name: /^Compare/ })
		.click()
	await page.getByRole('heading', { level: 1, name: /As it was when editing began/ }).waitFor()
	expect(await page.locator('.version-diff del').first().textContent()).toContain('[removed: ')
	expect(await page.locator('.version-diff del').allTextContents()).toEqual(
		expect.arrayContaining([expect.stringContaining('Start with residents')]),
	)
	expect(await page.locator('.version-diff ins').allTextContents()).toEqual(
		expect.arrayContaining([expect.stringContaining('Oops')]),
	)
	expect(await page.getByText(/words? removed/).count()).toBe(1)
	expect(await findAccessibilityViolations(page)).toEqual([])

	// Restoring it brings the text back as a new change; the damaged text is kept as a version.
	await page.getByRole('button', { name: 'Restore this version' }).click()
	await page.waitForURL(`${server.origin}/t/genai/sections/${sectionId}?restored=1`)
	const restored = page.getByRole('textbox', { name: /^Text of / })
	await expect.poll(() => restored.textContent(), POLL).toContain('Start with residents')
	expect(await restored.textContent()).not.toContain('Oops.')
	expect(storedText(server.dataDir, sectionId)).toBe(original)

	await page.goto(versionsUrl)
	expect(
		await page.getByRole('listitem').filter({ hasText: 'Kept before a restore' }).textContent(),
	).toContain('Before restoring “As it was when editing began”')
	await page.context().close()
})

test('an observer may compare versions but is offered no restore, and a restore posted anyway is refused', async () => {
	const sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
	const page = await openPage(browser)
	await signInThroughForm(
		page,
		server.origin,
		'observer@demo.test',
		`/t/genai/sections/${sectionId}/versions`,
	)
	await page.getByRole('heading', { level: 1, name: 'Versions' }).waitFor()
	expect(await page.getByRole('link', { name: /^Compare/ }).count()).toBeGreaterThan(0)
	expect(await page.getByText(/^Restore/).count()).toBe(0)
	const versionId = (
		await page
			.getByRole('link', { name: /^Compare/ })
			.first()
			.getAttribute('href')
	)
		?.split('/')
		.at(-1)
	const before = storedText(server.dataDir, sectionId)
	const status = await page.evaluate(
		async ({ url, id }) => {
			const response = await fetch(url, {
				method: 'POST',
				body: new URLSearchParams({ versionId: id ?? '' }),
				redirect: 'manual',
			})
			return response.status
		},
		{ url: `/t/genai/sections/${sectionId}/versions`, id: versionId },
	)
	expect(status).toBe(403)
	expect(storedText(server.dataDir, sectionId)).toBe(before)
	await page.context().close()
})
