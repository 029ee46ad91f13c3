import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { get, postForm, signIn } from './http.ts'
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

test('a co-chair invites someone, who accepts in another browser and lands on the dashboard', async () => {
	const chair = await openPage(browser)
	await signInThroughForm(chair, server.origin, 'cochair@demo.test', '/t/genai/members')
	await chair.getByLabel('Email').fill('maria.lopez@tucson.example.gov')
	await chair.getByLabel('Subcommittee (optional)').selectOption({ label: 'Workforce and Training' })
	await chair.getByRole('button', { name: 'Invite', exact: true }).click()
	const link = await chair.getByLabel('Invitation link').inputValue()
	expect(link).toMatch(new RegExp(`^${server.origin}/invite/[a-z2-7]{32}$`))
	// The pending list arrives with the page's reload, just after the notice.
	await chair.getByText('Waiting for an answer').waitFor()

	const invitee = await openPage(browser)
	await invitee.goto(link)
	expect(await invitee.locator('h1').textContent()).toBe('Join Generative AI in Local Government')
	expect(await findAccessibilityViolations(invitee)).toEqual([])
	await invitee.getByLabel('Your name').fill('María López')
	await invitee.getByLabel('Title (optional)').fill('Deputy Director of Innovation')
	await invitee.getByLabel('Your organization').selectOption({ label: 'City of Tucson' })
	await invitee.getByLabel('Choose a password').fill('saguaro-monsoon-ledger-9')
	await invitee.getByLabel('Password again').fill('saguaro-monsoon-ledger-9')
	await invitee.getByRole('button', { name: 'Create account and join' }).click()
	await invitee.waitForURL(`${server.origin}/t/genai`)
	await invitee.getByRole('button', { name: 'Sign out', exact: true }).waitFor()
	expect(await invitee.locator('.stat-primary .stat-value').textContent()).toBe('Writing')
	expect(await invitee.getByRole('link', { name: /Your account: María López/ }).isVisible()).toBe(true)

	// The link worked once; opening it again explains that.
	const again = await openPage(browser)
	const response = await again.goto(link)
	expect(response?.status()).toBe(410)
	expect(await again.locator('h1').textContent()).toBe('This invitation cannot be used')
})

test('a weak password on the invitation form is refused with a reason, and nothing is created', async () => {
	const cookie = await signIn(server.origin, 'cochair@demo.test')
	const page = await (
		await postForm(
			server.origin,
			'/t/genai/members',
			{ intent: 'invite', email: 'weak@county.example.gov', role: 'member' },
			cookie,
		)
	).text()
	const link = page.match(/\/invite\/[a-z2-7]{32}/)?.[0] ?? ''
	const invitee = await openPage(browser)
	await invitee.goto(`${server.origin}${link}`)
	await invitee.getByLabel('Your name').fill('Weak Password')
	await invitee.getByLabel('Your organization').selectOption({ label: 'King County' })
	await invitee.getByLabel('Choose a password').fill('1q2w3e4r5t6y')
	await invitee.getByLabel('Password again').fill('1q2w3e4r5t6y')
	await invitee.getByRole('button', { name: 'Create account and join' }).click()
	await invitee.getByText('commonly used passwords').waitFor()
	expect(invitee.url()).toBe(`${server.origin}${link}`)
	expect(
		(await postForm(server.origin, '/login', { email: 'weak@county.example.gov', password: '1q2w3e4r5t6y' }))
			.status,
	).toBe(400)
})

test('a removed member loses access on their very next request', async () => {
	const chair = await signIn(server.origin, 'cochair@demo.test')
	const member = await signIn(server.origin, 'writer2@demo.test')
	expect((await get(server.origin, '/t/genai', member)).status).toBe(200)
	const html = await (await get(server.origin, '/t/genai/members', chair)).text()
	const userId = html.match(
		/name="userId" value="([a-z2-7]{16})"\/><button[^>]*>Remove (?:<!-- -->)?Priya Natarajan/,
	)?.[1]
	expect(userId).toBeDefined()
	const removal = await postForm(
		server.origin,
		'/t/genai/members',
		{ intent: 'remove', userId: userId ?? '' },
		chair,
	)
	expect(removal.status).toBe(200)
	expect((await get(server.origin, '/t/genai', member)).status).toBe(404)
})

test('sign-in, account and members pages meet WCAG 2.1 AA as axe-core checks them', async () => {
	const page = await openPage(browser)
	await page.goto(`${server.origin}/login`)
	expect(await findAccessibilityViolations(page)).toEqual([])
	await signInThroughForm(page, server.origin, 'cochair@demo.test', '/account')
	expect(await findAccessibilityViolations(page)).toEqual([])
	await page.goto(`${server.origin}/t/genai/members`)
	expect(await findAccessibilityViolations(page)).toEqual([])
})

test('the invite form keeps the chosen role and subcommittee after an error, and after an invitation', async () => {
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai/members')
	const form = page.locator('form#invite')
	const choose = async (email: string) => {
		await form.getByLabel('Email', { exact: true }).fill(email)
		await form.getByLabel('Role', { exact: true }).selectOption('observer')
		await form.getByLabel('Subcommittee (optional)').selectOption({ label: 'Procurement and Vendors' })
		// By keyboard: a click can miss the button when leaving the email field re-validates it.
		await form.getByRole('button', { name: 'Invite' }).press('Enter')
	}
	const chosen = () =>
		Promise.all([
			form.getByLabel('Email', { exact: true }).inputValue(),
			form.getByLabel('Role', { exact: true }).inputValue(),
			form.getByLabel('Subcommittee (optional)').locator('option:checked').textContent(),
		])

	await choose('writer@demo.test')
	await form.getByText('is already a member').waitFor()
	expect(await chosen()).toEqual(['writer@demo.test', 'observer', 'Procurement and Vendors'])

	await choose('new.procurement.observer@county.example.gov')
	await page.getByRole('status').filter({ hasText: 'new.procurement.observer@county.example.gov' }).waitFor()
	// Ready for the next person to the same place: only the email is cleared.
	await expect.poll(chosen).toEqual(['', 'observer', 'Procurement and Vendors'])
	await page.context().close()
})
