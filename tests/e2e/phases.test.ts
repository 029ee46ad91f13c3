import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

const PAGE = '/t/genai/settings/phases'

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

/** The dates form as the co-chair's page renders it: every `name="…On"`/publicationDate input's value. */
async function savedDates(cookie: string): Promise<Record<string, string>> {
	const html = await (await get(server.origin, PAGE, cookie)).text()
	const fields: Record<string, string> = { intent: 'dates' }
	for (const input of html.matchAll(/<input[^>]*>/g)) {
		const name = /name="(\w+(?:StartsOn|EndsOn)|publicationDate)"/.exec(input[0])?.[1]
		const value = /value="([\d-]+)"/.exec(input[0])?.[1]
		if (name && value) fields[name] = value
	}
	return fields
}

describe('permissions over HTTP', () => {
	test('every member may read the page; someone outside the task force gets 404', async () => {
		for (const email of ['writer@demo.test', 'observer@demo.test', 'cochair@demo.test']) {
			expect((await get(server.origin, PAGE, await signIn(server.origin, email))).status, email).toBe(200)
		}
		expect((await get(server.origin, PAGE, await signIn(server.origin, 'admin@demo.test'))).status).toBe(404)
	})

	test('an observer sees no controls and may not advance the phase (403)', async () => {
		const cookie = await signIn(server.origin, 'observer@demo.test')
		const html = await (await get(server.origin, PAGE, cookie)).text()
		expect(html).toContain('Advance from Writing to Editing')
		expect(html).not.toContain('name="intent"')
		const response = await postForm(
			server.origin,
			PAGE,
			{ intent: 'advance', from: 'writing', reason: 'An observer trying to move on.' },
			cookie,
		)
		expect(response.status).toBe(403)
	})

	test('a member may not change dates or milestones (403)', async () => {
		const cookie = await signIn(server.origin, 'writer@demo.test')
		const dates = await postForm(
			server.origin,
			PAGE,
			{ intent: 'dates', publicationDate: '2030-01-01' },
			cookie,
		)
		expect(dates.status).toBe(403)
		const milestone = await postForm(
			server.origin,
			PAGE,
			{ intent: 'milestone-complete', milestoneId: 'x' },
			cookie,
		)
		expect(milestone.status).toBe(403)
	})

	test('overlapping phase dates are refused with 400 and a message next to the field; nothing is saved', async () => {
		const cookie = await signIn(server.origin, 'cochair@demo.test')
		const saved = await savedDates(cookie)
		expect(Object.keys(saved)).toHaveLength(10)
		const response = await postForm(
			server.origin,
			PAGE,
			{ ...saved, editingStartsOn: saved.writingStartsOn ?? '', publicationDate: '2000-01-01' },
			cookie,
		)
		expect(response.status).toBe(400)
		const html = await response.text()
		expect(html).toMatch(/Editing must start after Writing ends/)
		expect(html).toMatch(/The publication date cannot be in the past/)
		expect(await savedDates(cookie)).toEqual(saved)
	})

	test('an empty milestone title and a due date outside the run are refused with 400 and messages', async () => {
		const cookie = await signIn(server.origin, 'cochair@demo.test')
		const html = await (await get(server.origin, PAGE, cookie)).text()
		const phaseId = /<option value="(\w+)"[^>]*>Writing<\/option>/.exec(html)?.[1] ?? ''
		const response = await postForm(
			server.origin,
			PAGE,
			{ intent: 'milestone-create', phaseId, title: '', dueOn: '1999-01-01' },
			cookie,
		)
		expect(response.status).toBe(400)
		const body = await response.text()
		expect(body).toContain('Enter a title.')
		expect(body).toMatch(
			/Choose a date within the task force&#x27;s run|Choose a date within the task force's run/,
		)
	})

	test('an unknown milestone is not found (404)', async () => {
		const cookie = await signIn(server.origin, 'cochair@demo.test')
		const response = await postForm(
			server.origin,
			PAGE,
			{ intent: 'milestone-complete', milestoneId: 'nope' },
			cookie,
		)
		expect(response.status).toBe(404)
	})
})

describe('in the browser', () => {
	test('the page meets WCAG 2.1 AA as axe-core checks it, for a co-chair', async () => {
		const page = await openPage(browser)
		await signInThroughForm(page, server.origin, 'cochair@demo.test', PAGE)
		expect(await findAccessibilityViolations(page)).toEqual([])
	})

	test('the read-only view of an observer meets WCAG 2.1 AA too', async () => {
		const page = await openPage(browser, { width: 390, height: 844 })
		await signInThroughForm(page, server.origin, 'observer@demo.test', PAGE)
		expect(await page.getByRole('button', { name: /advance|Save dates|Add milestone/i }).count()).toBe(0)
		expect(await findAccessibilityViolations(page)).toEqual([])
	})

	test('a co-chair advances from writing with an override reason and the timeline shows Editing as current', async () => {
		const page = await openPage(browser)
		await signInThroughForm(page, server.origin, 'cochair@demo.test', PAGE)
		const button = page.getByRole('button', { name: 'Override the gate: advance to Editing' })
		// Without a reason the form says what is missing and nothing moves.
		await button.click()
		await page.getByText('The gate is not met: write why the task force should move on anyway.').waitFor()
		await page
			.getByLabel('Reason for overriding the gate')
			.fill('The board meets next week; the remaining drafts are close enough to edit.')
		await button.click()
		await page.getByText('Editing is now the current phase.', { exact: false }).waitFor()
		await page.getByRole('heading', { name: 'Advance from Editing to Publishing' }).waitFor()

		await page.goto(`${server.origin}/t/genai/timeline`)
		const current = page.locator('[aria-current="step"]')
		expect(await current.count()).toBe(1)
		expect(await current.textContent()).toContain('Editing')
	})
})
