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

test('the timeline draws the run-up with a today line, the publication date and a lane per subcommittee', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/timeline')
	const chart = page.locator('svg.timeline-svg')
	await expect(chart.count()).resolves.toBe(1)
	await expect(chart.locator('.timeline-today-line').count()).resolves.toBe(1)
	expect(await chart.locator('.timeline-today .timeline-line-label').textContent()).toMatch(/^Today, /)
	expect(await chart.locator('.timeline-publication .timeline-line-label').textContent()).toMatch(
		/^Publication, /,
	)
	expect(await chart.locator('.timeline-band-name').allTextContents()).toEqual([
		'Research',
		'Writing',
		'Editing',
		'Publishing',
	])
	expect(await chart.locator('.timeline-lane-label').count()).toBe(7)
	// The phase strip stays on top, marking the current phase.
	expect(await page.locator('.phase[aria-current="step"] .phase-name').textContent()).toBe('Writing')
})

test('a milestone marker takes keyboard focus and shows its details, and Escape hides them', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/timeline')
	await page.getByRole('link', { name: 'Skip to the tables' }).focus()
	await page.keyboard.press('Tab') // the chart's scrolling region
	await page.keyboard.press('Tab') // the first marker
	const focused = await page.evaluate(() => ({
		className: document.activeElement?.getAttribute('class'),
		href: document.activeElement?.getAttribute('href'),
		title: document.activeElement?.querySelector('title')?.textContent,
	}))
	expect(focused.className).toBe('timeline-marker')
	expect(focused.href).toMatch(/^#milestone-/)
	expect(focused.title).toMatch(/^Milestone: Kickoff meeting held\. Due .+\. Done\./)

	const tip = page.locator('.timeline-tip')
	await expect.poll(() => tip.isVisible()).toBe(true)
	expect(await tip.textContent()).toContain('Kickoff meeting held')
	expect(await tip.textContent()).toContain('Done')
	// The marker links to its row in the table below, the chart's text alternative.
	await expect(page.locator(`tr${focused.href}`).count()).resolves.toBe(1)

	await page.keyboard.press('Escape')
	await expect.poll(() => tip.count()).toBe(0)
})

test('the chart points to the tables that hold the same data, section due dates included', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/timeline')
	const describedBy = await page.locator('svg.timeline-svg').getAttribute('aria-describedby')
	expect(await page.locator(`#${describedBy}`).textContent()).toContain('tables below')
	const sections = page.locator('table.table-timeline-sections tbody tr')
	expect(await sections.count()).toBe(9)
	const sectionMarkers = page.locator('a.timeline-marker[href^="#section-"]')
	for (const href of await sectionMarkers.evaluateAll((links) =>
		links.map((link) => link.getAttribute('href')),
	)) {
		await expect(page.locator(`tr${href}`).count()).resolves.toBe(1)
	}
})

test('the timeline meets WCAG 2.1 AA as axe-core checks it', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai/timeline')
	expect(await findAccessibilityViolations(page)).toEqual([])
})

test('on a phone the chart scrolls sideways inside its own region, not the page', async () => {
	const page = await openPage(browser, { width: 390, height: 844 })
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/timeline')
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
	)
	expect(overflow).toBeLessThanOrEqual(0)
	const region = page.locator('section.timeline-scroll')
	expect(await region.getAttribute('tabindex')).toBe('0')
	expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
})
