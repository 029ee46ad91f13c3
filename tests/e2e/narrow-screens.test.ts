import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoData, ENGAGEMENT } from './assignment-data.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle } from './collab-client.ts'
import { postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

/** A phone's width in CSS pixels (an iPhone 12 to 15). */
const PHONE = 390

/** Words with no place to break, as real data has them: an email, a name, a URL. */
const LONG_EMAIL = 'procurement.and.vendor.relations.coordinator@countyofsanbernardino-purchasing.example.gov'
const LONG_NAME = 'Maximiliana Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen'
const LONG_TITLE =
	'Summarise https://www.example-city.gov/departments/information-technology/policies/generative-artificial-intelligence-acceptable-use'

let server: RunningServer
let browser: Browser
let ids: { subcommittee: string; section: string; document: string; assignment: string }

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	const data = demoData(server)
	const chair = await signIn(server.origin, 'cochair@demo.test')
	const invited = await postForm(
		server.origin,
		'/t/genai/members',
		{ intent: 'invite', email: LONG_EMAIL, role: 'member' },
		chair,
	)
	expect(invited.status).toBe(200)
	const writer = await signIn(server.origin, 'writer@demo.test')
	const { organizationId } = data.query<{ organizationId: string }>(
		"select organization_id as organizationId from users where email = 'writer@demo.test'",
	)
	const renamed = await postForm(
		server.origin,
		'/account',
		{ intent: 'profile', name: LONG_NAME, organizationId },
		writer,
	)
	expect(renamed.status).toBe(200)
	const created = await postForm(
		server.origin,
		'/t/genai/assignments/new',
		data.newAssignment(ENGAGEMENT, { title: LONG_TITLE, assigneeId: data.userId('writer@demo.test') }),
		chair,
	)
	expect(created.status).toBe(303)
	const section = sectionIdByTitle(server.dataDir, 'Community engagement and transparency')
	ids = {
		subcommittee: data.subcommitteeId(ENGAGEMENT),
		section,
		document: data.query<{ id: string }>('select document_id as id from sections where id = ?', section).id,
		assignment: data.query<{ id: string }>('select id from assignments where title = ?', LONG_TITLE).id,
	}
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

/** Every page a member uses, as the co-chair (who sees the most) and the writer (whose name is long). */
/** Paths with `:name` filled in from `ids` once the data exists. */
const PAGES: Array<[email: string, path: string]> = [
	['cochair@demo.test', '/'],
	['cochair@demo.test', '/t/genai'],
	['cochair@demo.test', '/t/genai/timeline'],
	['cochair@demo.test', '/t/genai/subcommittees'],
	['cochair@demo.test', '/t/genai/subcommittees/:subcommittee'],
	['cochair@demo.test', '/t/genai/assignments'],
	['cochair@demo.test', '/t/genai/assignments?view=board'],
	['cochair@demo.test', '/t/genai/assignments/:assignment'],
	['cochair@demo.test', '/t/genai/assignments/new'],
	['cochair@demo.test', '/t/genai/documents/:document'],
	['cochair@demo.test', '/t/genai/sections/:section'],
	['cochair@demo.test', '/t/genai/sections/:section/versions'],
	['cochair@demo.test', '/t/genai/members'],
	['cochair@demo.test', '/t/genai/activity'],
	['cochair@demo.test', '/t/genai/settings/phases'],
	['cochair@demo.test', '/account'],
	['writer@demo.test', '/t/genai'],
	['writer@demo.test', '/account'],
]

/** One signed-in phone per person, reused across that person's pages. */
const phones = new Map<string, Promise<Page>>()
function phoneOf(email: string): Promise<Page> {
	let phone = phones.get(email)
	if (!phone) {
		phone = openPage(browser, { width: PHONE, height: 844 }).then(async (page) => {
			await signInThroughForm(page, server.origin, email, '/')
			return page
		})
		phones.set(email, phone)
	}
	return phone
}

describe(`at ${PHONE} px wide, with a long email, name and URL in the data`, () => {
	test.each(PAGES)('%s: %s fits the screen', async (email, path) => {
		const page = await phoneOf(email)
		const filled = path.replace(/:(\w+)/g, (_, name: keyof typeof ids) => ids[name])
		await page.goto(`${server.origin}${filled}`)
		await page.locator('main h1').waitFor()
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE)
	})

	test('the long data is on the pages it was checked on', async () => {
		const page = await phoneOf('cochair@demo.test')
		await page.goto(`${server.origin}/t/genai/activity`)
		expect(await page.locator('main').textContent()).toContain(LONG_EMAIL)
		await page.goto(`${server.origin}/t/genai/assignments/${ids.assignment}`)
		expect(await page.locator('main h1').textContent()).toBe(LONG_TITLE)
		const writer = await phoneOf('writer@demo.test')
		await writer.goto(`${server.origin}/t/genai`)
		expect(await writer.locator('main').textContent()).toContain(LONG_TITLE)
		expect(await writer.locator('header').first().textContent()).toContain(LONG_NAME)
	})

	test('every tab of the task force’s navigation is on screen, none hidden off to the side', async () => {
		const page = await phoneOf('cochair@demo.test')
		await page.goto(`${server.origin}/t/genai`)
		const tabs = await page.locator('nav[aria-label="Task force"] a').evaluateAll((links) =>
			links.map((link) => {
				const box = link.getBoundingClientRect()
				return { text: link.textContent, left: box.left, right: box.right }
			}),
		)
		expect(tabs.map((tab) => tab.text)).toContain('Phases & milestones')
		for (const tab of tabs) {
			expect(tab.left, tab.text ?? '').toBeGreaterThanOrEqual(0)
			expect(tab.right, tab.text ?? '').toBeLessThanOrEqual(PHONE)
		}
	})
})
