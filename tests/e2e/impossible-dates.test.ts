import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchBrowser } from './browser.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

/** Dates shaped like `YYYY-MM-DD` that no calendar has, and a few other shapes a hand-edited request sends. */
const IMPOSSIBLE_DATES = ['2027-13-45', '2027-01-32', '0000-00-00', '2027-02-30', '2027-00-10', '99999-01-01']

/** Pages whose forms read a date; the forms themselves are found on the rendered page. */
const PAGES = [
	'/t/genai/activity',
	'/t/genai/assignments/new',
	'/t/genai/settings/phases',
	'{assignment}',
	'{document}',
]

type DateForm = {
	page: string
	method: string
	action: string
	entries: Array<[string, string]>
	dateFields: string[]
}

let server: RunningServer
let browser: Browser
let cookie: string

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	cookie = await signIn(server.origin, 'cochair@demo.test')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

/** The first link on a page whose path matches, e.g. an assignment's or a document's own page. */
async function firstLink(page: string, pattern: RegExp): Promise<string> {
	const html = await (await get(server.origin, page, cookie)).text()
	const found = html.match(pattern)?.[0]
	if (!found) throw new Error(`no link matching ${pattern} on ${page}`)
	return found
}

/**
 * Every form on the co-chair's pages with a date input, as the browser would submit it (its own
 * values and its submit button's `intent`). One form per action, intent and set of date fields:
 * the outline's twenty edit forms are one kind.
 */
async function dateForms(): Promise<DateForm[]> {
	const assignment = await firstLink('/t/genai/assignments', /\/t\/genai\/assignments\/[a-z2-7]{16}/)
	const document = await firstLink('/t/genai', /\/t\/genai\/documents\/[a-z2-7]{16}/)
	const context = await browser.newContext()
	const [name, value] = cookie.split('=') as [string, string]
	await context.addCookies([{ name, value, url: server.origin }])
	const page = await context.newPage()
	const forms: DateForm[] = []
	const seen = new Set<string>()
	for (const path of PAGES.map((p) =>
		p.replace('{assignment}', assignment).replace('{document}', document),
	)) {
		await page.goto(`${server.origin}${path}`)
		const found = await page.$$eval('form:has(input[type="date"])', (elements) =>
			elements.map((form) => {
				const element = form as HTMLFormElement
				const submitter = element.querySelector<HTMLButtonElement>(
					'button[type="submit"], button:not([type])',
				)
				const data = new FormData(element, submitter ?? undefined)
				return {
					method: (element.getAttribute('method') ?? 'get').toLowerCase(),
					action: new URL(element.action).pathname,
					entries: [...data.entries()].map(([key, entry]) => [key, String(entry)] as [string, string]),
					dateFields: [...element.querySelectorAll<HTMLInputElement>('input[type="date"]')].map(
						(input) => input.name,
					),
				}
			}),
		)
		for (const form of found) {
			const intent = form.entries.find(([key]) => key === 'intent')?.[1] ?? ''
			const key = `${form.method} ${form.action} ${intent} ${form.dateFields.join(',')}`
			if (seen.has(key)) continue
			seen.add(key)
			forms.push({ page: path, ...form })
		}
	}
	await context.close()
	return forms
}

/** True when the answer names the field: its input comes back marked invalid. */
function namesField(html: string, field: string): boolean {
	return [...html.matchAll(/<input[^>]*>/g)].some(
		([tag]) => tag.includes(`name="${field}"`) && tag.includes('aria-invalid="true"'),
	)
}

test('every form and filter that reads a date answers an impossible one with 400 naming the field', async () => {
	const forms = await dateForms()
	// The pages above hold these kinds of date form; finding fewer means the table lost a row.
	const kinds = forms.map(
		(form) => `${form.method} ${form.entries.find(([key]) => key === 'intent')?.[1] ?? ''}`,
	)
	expect(kinds).toEqual(
		expect.arrayContaining([
			'get ',
			'post dates',
			'post milestone-create',
			'post milestone-update',
			'post save',
			'post add',
			'post edit',
		]),
	)
	const badCells: string[] = []
	let cells = 0
	for (const form of forms) {
		for (const field of form.dateFields) {
			for (const date of IMPOSSIBLE_DATES) {
				cells++
				const fields = Object.fromEntries(form.entries)
				fields[field] = date
				const response =
					form.method === 'get'
						? await get(server.origin, `${form.action}?${new URLSearchParams(fields)}`, cookie)
						: await postForm(server.origin, form.action, fields, cookie)
				const html = await response.text()
				if (response.status !== 400 || !namesField(html, field)) {
					const intent = fields.intent ?? ''
					badCells.push(
						`${form.method.toUpperCase()} ${form.action} ${intent} ${field}=${date} -> ${response.status}${response.status === 400 ? ' (field not marked)' : ''}`,
					)
				}
			}
		}
	}
	expect(cells).toBeGreaterThan(50)
	expect(badCells).toEqual([])
})
