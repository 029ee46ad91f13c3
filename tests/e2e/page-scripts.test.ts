import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle } from './collab-client.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

// Every script a page carries runs: the inline ones (React Router's, and the one starting the
// browser's Intl early) with the request's nonce, none refused by our Content-Security-Policy.

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

test('the dashboard and a section page run all their scripts: no policy refusal, no script error', async () => {
	const section = sectionIdByTitle(server.dataDir, 'Community engagement and transparency')
	const page = await openPage(browser)
	const problems: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`)
	})
	page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
	await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai')
	await page.getByRole('heading', { level: 1 }).waitFor()
	await page.goto(`${server.origin}/t/genai/sections/${section}`)
	await page.getByRole('textbox', { name: /^Text of / }).waitFor()
	await page.waitForLoadState('networkidle')
	expect(problems).toEqual([])
})
