import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchBrowser, openPage } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

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
	const response = await page.goto(`${server.origin}/t/genai`)
	expect(response?.status()).toBe(200)
	await expect(page.title()).resolves.toContain('Generative AI in Local Government')
	const currentPhase = page.locator('.stat-primary')
	expect(await currentPhase.locator('.stat-value').textContent()).toBe('Writing')
	expect(await currentPhase.textContent()).toMatch(/\d+ days left/)
	expect(await page.locator('.phase[aria-current="step"] .phase-name').textContent()).toBe('Writing')
})
