import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchBrowser, openPage } from './browser.ts'
import { DEMO_PASSWORD } from './http.ts'
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

/** The focused element, as a person would describe it: its tag and its words. */
function focused(page: Page) {
	return page.evaluate(() => {
		const element = document.activeElement
		return { tag: element?.tagName.toLowerCase(), text: element?.textContent?.trim().slice(0, 80) }
	})
}

test('after following a link, focus is on the new page’s heading, and Tab goes on from there', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai')
	// A full page load leaves focus to the browser.
	await page.reload()
	expect((await focused(page)).tag).toBe('body')

	await page.locator('nav[aria-label="Task force"]').getByRole('link', { name: 'Members' }).click()
	await page.waitForURL(`${server.origin}/t/genai/members`)
	await expect.poll(() => focused(page)).toEqual({ tag: 'h1', text: expect.stringMatching(/^Members/) })
	// The next Tab is on this page, not back in the navigation.
	await page.keyboard.press('Tab')
	expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true)

	await page.goBack()
	await page.waitForURL(`${server.origin}/t/genai`)
	await expect.poll(() => focused(page)).toEqual({ tag: 'h1', text: 'Generative AI in Local Government' })
})

test('a form that answers with an error on the same page puts focus on the error summary', async () => {
	const page = await openPage(browser)
	await page.goto(`${server.origin}/login`)
	await page.getByLabel('Email').fill('writer@demo.test')
	await page.getByLabel('Password').fill(`${DEMO_PASSWORD}-wrong`)
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.locator('.form-error').waitFor()
	await expect.poll(() => focused(page)).toEqual({ tag: 'div', text: 'Email or password is incorrect.' })
})

test('filters that reload the same page keep focus on the control that applied them', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/activity')
	await page.getByLabel('What').selectOption({ index: 1 })
	const show = page.getByRole('button', { name: 'Show' })
	await show.focus()
	await page.keyboard.press('Enter')
	await page.waitForURL(/\/t\/genai\/activity\?/)
	// Give a wrong focus move every chance to happen before looking.
	await page.waitForTimeout(300)
	expect(await focused(page)).toEqual({ tag: 'button', text: 'Show' })
})
