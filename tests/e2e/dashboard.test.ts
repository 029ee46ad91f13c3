import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

test('the dashboard of the seeded task force shows the writing phase as current', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai')
	await expect(page.title()).resolves.toContain('Generative AI in Local Government')
	const currentPhase = page.locator('.stat-primary')
	expect(await currentPhase.locator('.stat-value').textContent()).toBe('Writing')
	expect(await currentPhase.textContent()).toMatch(/\d+ days left/)
	expect(await page.locator('.phase[aria-current="step"] .phase-name').textContent()).toBe('Writing')
})

test('the dashboard meets WCAG 2.1 AA as axe-core checks it', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai')
	expect(await findAccessibilityViolations(page)).toEqual([])
})

test('on a phone the dashboard fits the screen width and the navigation wraps to show every tab', async () => {
	const page = await openPage(browser, { width: 390, height: 844 })
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai')
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
	)
	expect(overflow).toBeLessThanOrEqual(0)
	const activity = page.locator('nav[aria-label="Task force"] a', { hasText: 'Activity' })
	const box = await activity.boundingBox()
	expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
})

test('the task force navigation works by keyboard with a visible focus ring', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai')
	await page.reload()
	await page.keyboard.press('Tab')
	expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
	expect(outline).toBe('solid')
})

test('the task-force switcher lists the completed task force and goes there', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai')
	await page.getByText('Switch task force', { exact: true }).click()
	await page.getByRole('link', { name: /Data Governance for Cities/ }).click()
	await page.locator('h1', { hasText: 'Data Governance for Cities' }).waitFor()
	expect(page.url()).toBe(`${server.origin}/t/data-governance`)
	expect(await page.locator('details.switcher').getAttribute('open')).toBeNull()
	expect(await page.locator('.stat-primary .stat-value').textContent()).toBe('Published')
})
