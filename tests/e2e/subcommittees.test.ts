import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

let server: RunningServer
let browser: Browser
const EMAILS = {
	chair: 'cochair@demo.test',
	lead: 'lead@demo.test',
	writer: 'writer@demo.test',
	outsider: 'outsider@demo.test',
	observer: 'observer@demo.test',
	admin: 'admin@demo.test',
} as const
const cookies = {} as Record<keyof typeof EMAILS, string>
const ids = {} as Record<'engagement' | 'procurement', string>

const LIST = '/t/genai/subcommittees'
const ENGAGEMENT = 'Community Engagement and Transparency'

/** The id in a card's link, read from the list page as a person would find it. */
async function subcommitteeId(name: string): Promise<string> {
	const html = await (await get(server.origin, LIST, cookies.chair)).text()
	const id = html.match(new RegExp(`/t/genai/subcommittees/([a-z2-7]{16})"[^>]*>${name}<`))?.[1]
	if (!id) throw new Error(`no card for ${name}`)
	return id
}

/** The first person the member search offers to add, as the page's hidden field names them. */
async function firstAddable(path: string, query: string, cookie: string): Promise<string> {
	const html = await (await get(server.origin, `${path}?q=${encodeURIComponent(query)}`, cookie)).text()
	const id = html.match(
		/name="intent" value="add-member"\/><input type="hidden" name="userId" value="([a-z2-7]{16})"/,
	)?.[1]
	if (!id) throw new Error(`nobody to add for ${query}`)
	return id
}

const page = (name: keyof typeof ids) => `${LIST}/${ids[name]}`
const post = (path: string, fields: Record<string, string>, cookie: string | undefined) =>
	postForm(server.origin, path, fields, cookie)

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	for (const [who, email] of Object.entries(EMAILS)) {
		cookies[who as keyof typeof EMAILS] = await signIn(server.origin, email)
	}
	ids.engagement = await subcommitteeId(ENGAGEMENT)
	ids.procurement = await subcommitteeId('Procurement and Vendors')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

describe('who may change a subcommittee', () => {
	test('someone outside the task force gets 404 for its subcommittee pages and actions', async () => {
		expect((await get(server.origin, page('engagement'), cookies.admin)).status).toBe(404)
		expect((await post(page('engagement'), { intent: 'details', name: 'Mine' }, cookies.admin)).status).toBe(
			404,
		)
		expect((await post(LIST, { intent: 'create', name: 'Mine' }, cookies.admin)).status).toBe(404)
	})

	test('an unknown subcommittee is not found', async () => {
		expect((await get(server.origin, `${LIST}/aaaaaaaaaaaaaaaa`, cookies.chair)).status).toBe(404)
	})

	test('an observer reads the page without controls and is refused every change', async () => {
		const response = await get(server.origin, page('engagement'), cookies.observer)
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('Sector mix')
		expect(html).not.toContain('Add members')
		expect(html).not.toContain('Save name and charge')
		expect(html).not.toContain('Remove…')
		const someone = await firstAddable(page('engagement'), 'Tidewater', cookies.chair)
		expect(
			(await post(page('engagement'), { intent: 'add-member', userId: someone }, cookies.observer)).status,
		).toBe(403)
		expect((await post(LIST, { intent: 'create', name: 'Observers' }, cookies.observer)).status).toBe(403)
	})

	test('a member who does not lead the subcommittee cannot add to it or rename it', async () => {
		const someone = await firstAddable(page('engagement'), 'Tidewater', cookies.chair)
		expect(
			(await post(page('engagement'), { intent: 'add-member', userId: someone }, cookies.writer)).status,
		).toBe(403)
		expect(
			(await post(page('engagement'), { intent: 'add-member', userId: someone }, cookies.outsider)).status,
		).toBe(403)
		expect(
			(await post(page('engagement'), { intent: 'details', name: 'Ours' }, cookies.outsider)).status,
		).toBe(403)
	})

	test('a lead adds members to their own subcommittee, but cannot rename it, choose its lead or touch another', async () => {
		const html = await (await get(server.origin, page('engagement'), cookies.lead)).text()
		expect(html).toContain('Add members')
		expect(html).not.toContain('Save name and charge')
		const someone = await firstAddable(page('engagement'), 'Tidewater', cookies.lead)
		const added = await post(page('engagement'), { intent: 'add-member', userId: someone }, cookies.lead)
		expect(added.status).toBe(200)
		expect(await added.text()).toContain(`is a member of ${ENGAGEMENT}.`)
		expect(
			(await post(page('engagement'), { intent: 'details', name: 'Renamed' }, cookies.lead)).status,
		).toBe(403)
		expect(
			(await post(page('engagement'), { intent: 'lead', leadUserId: someone }, cookies.lead)).status,
		).toBe(403)
		expect((await post(page('engagement'), { intent: 'delete' }, cookies.lead)).status).toBe(403)
		expect(
			(await post(page('procurement'), { intent: 'add-member', userId: someone }, cookies.lead)).status,
		).toBe(403)
	})
})

describe('what a co-chair is told when input is wrong', () => {
	test('an empty name, a 10,000-character charge and a taken name are refused with a reason', async () => {
		const empty = await post(LIST, { intent: 'create', name: '   ', charge: '' }, cookies.chair)
		expect(empty.status).toBe(400)
		expect(await empty.text()).toContain('Enter a name for the subcommittee.')

		const long = await post(
			LIST,
			{ intent: 'create', name: 'Long', charge: 'x'.repeat(10_000) },
			cookies.chair,
		)
		expect(long.status).toBe(400)
		expect(await long.text()).toContain('Use at most 4,000 characters.')

		const taken = await post(LIST, { intent: 'create', name: 'open data and 311' }, cookies.chair)
		expect(taken.status).toBe(400)
		expect(await taken.text()).toContain('Another subcommittee is already called “open data and 311”.')

		const rename = await post(page('procurement'), { intent: 'details', name: ENGAGEMENT }, cookies.chair)
		expect(rename.status).toBe(400)
		expect(await rename.text()).toContain('Another subcommittee is already called')
		expect((await subcommitteeId('Procurement and Vendors')) === ids.procurement).toBe(true)
	})

	test('a lead from outside the subcommittee is refused with a field error', async () => {
		const someone = await firstAddable(page('procurement'), 'Tidewater', cookies.chair)
		const response = await post(page('procurement'), { intent: 'lead', leadUserId: someone }, cookies.chair)
		expect(response.status).toBe(400)
		expect(await response.text()).toContain(
			'is not a member of this subcommittee. Add them as a member first',
		)
	})

	test('a subcommittee with open assignments cannot be deleted', async () => {
		const response = await post(
			page('engagement'),
			{ intent: 'delete', confirmSections: 'yes' },
			cookies.chair,
		)
		expect(response.status).toBe(400)
		expect(await response.text()).toMatch(/Reassign or finish its (<!-- -->)?\d+ open assignments first\./)
		expect((await get(server.origin, page('engagement'), cookies.chair)).status).toBe(200)
	})
})

test('a co-chair creates a subcommittee and adds a member found by organization', async () => {
	const chair = await openPage(browser)
	await signInThroughForm(chair, server.origin, 'cochair@demo.test', LIST)
	await chair.getByLabel('Name', { exact: true }).fill('Pilot Programs')
	await chair.getByLabel('Charge (optional)').fill('Track pilots of generative AI tools in member cities.')
	await chair.getByRole('button', { name: 'Create subcommittee' }).click()
	await chair.getByRole('heading', { level: 1, name: 'Pilot Programs' }).waitFor()
	await chair.getByText('No local-government member.').waitFor()

	await chair.getByLabel('Name, email or organization').fill('Tidewater Digital')
	await chair.getByRole('button', { name: 'Search', exact: true }).click()
	await chair.getByText(/match “Tidewater Digital”/).waitFor()
	const add = chair.getByRole('button', { name: /^Add / }).first()
	const name = ((await add.textContent()) ?? '').replace(/^Add\s*/, '')
	await add.click()
	await chair.getByText(`${name} is a member of Pilot Programs.`).waitFor()
	const members = chair.getByRole('table', { name: /Members of Pilot Programs/ })
	// Before hydration the click is a plain form post and the page streams in: wait for the row.
	await members.getByRole('rowheader', { name }).waitFor()
	expect(
		await chair.getByRole('list', { name: 'Members of Pilot Programs by sector' }).textContent(),
	).toContain('Private sector')
	await chair.waitForLoadState('load')
	expect(await findAccessibilityViolations(chair)).toEqual([])

	await chair.goto(`${server.origin}/t/genai/activity`)
	expect(await chair.locator('main').textContent()).toContain('Pilot Programs')
})

test('a subcommittee page meets WCAG 2.1 AA for a co-chair and for an observer', async () => {
	const chair = await openPage(browser)
	await signInThroughForm(chair, server.origin, 'cochair@demo.test', page('engagement'))
	expect(await findAccessibilityViolations(chair)).toEqual([])
	const observer = await openPage(browser, { width: 390 })
	await signInThroughForm(observer, server.origin, 'observer@demo.test', page('engagement'))
	expect(await findAccessibilityViolations(observer)).toEqual([])
})
