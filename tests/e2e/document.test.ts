import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { connectCollab, sectionIdByTitle } from './collab-client.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

let server: RunningServer
let browser: Browser
let page: string
const EMAILS = {
	chair: 'cochair@demo.test',
	lead: 'lead@demo.test',
	writer: 'writer@demo.test',
	observer: 'observer@demo.test',
	admin: 'admin@demo.test',
} as const
const cookies = {} as Record<keyof typeof EMAILS, string>
const ids = {} as Record<'introduction' | 'engagement' | 'workforce', string>

const post = (fields: Record<string, string>, who: keyof typeof EMAILS) =>
	postForm(server.origin, page, fields, cookies[who])

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	for (const [who, email] of Object.entries(EMAILS)) {
		cookies[who as keyof typeof EMAILS] = await signIn(server.origin, email)
	}
	// The document is found the way a person finds it: from the task force's navigation.
	const dashboard = await (await get(server.origin, '/t/genai', cookies.chair)).text()
	const documentId = dashboard.match(/\/t\/genai\/documents\/([a-z2-7]{16})/)?.[1]
	if (!documentId) throw new Error('no document link on the dashboard')
	page = `/t/genai/documents/${documentId}`
	ids.introduction = sectionIdByTitle(server.dataDir, 'Introduction')
	ids.engagement = sectionIdByTitle(server.dataDir, 'Community engagement and transparency')
	ids.workforce = sectionIdByTitle(server.dataDir, 'Workforce and training')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

describe('who may change the outline', () => {
	test('someone outside the task force gets 404 for the page and its actions', async () => {
		expect((await get(server.origin, page, cookies.admin)).status).toBe(404)
		expect((await post({ intent: 'add', title: 'Mine' }, 'admin')).status).toBe(404)
	})

	test('an observer reads the outline without controls and is refused every change', async () => {
		const response = await get(server.origin, page, cookies.observer)
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('Community engagement and transparency')
		expect(html).not.toContain('Add a section')
		expect(html).not.toContain('Move up')
		expect(html).not.toContain('Start drafting')
		expect((await post({ intent: 'add', title: 'Mine' }, 'observer')).status).toBe(403)
		expect(
			(
				await post(
					{ intent: 'status', sectionId: ids.workforce, from: 'not_started', to: 'drafting' },
					'observer',
				)
			).status,
		).toBe(403)
	})

	test('a member is refused every outline change, and a move in another subcommittee’s section', async () => {
		const section = { sectionId: ids.introduction }
		const changes: Array<Record<string, string>> = [
			{ intent: 'add', title: 'Mine' },
			{ intent: 'edit', ...section, title: 'Mine' },
			{ intent: 'move', ...section, direction: 'down', position: '1' },
			{ intent: 'remove', ...section },
			{ intent: 'restore', ...section },
		]
		for (const fields of changes) {
			expect((await post(fields, 'writer')).status, fields.intent).toBe(403)
		}
		expect(
			(
				await post(
					{ intent: 'status', sectionId: ids.workforce, from: 'not_started', to: 'drafting' },
					'writer',
				)
			).status,
		).toBe(403)
		const html = await (await get(server.origin, page, cookies.writer)).text()
		expect(html).not.toContain('Add a section')
	})

	test('a lead sends their own section to review but may not approve it', async () => {
		const toReview = { intent: 'status', sectionId: ids.engagement, from: 'drafting', to: 'in_review' }
		const html = await (await get(server.origin, page, cookies.lead)).text()
		expect(html).toContain('Send to review')
		expect((await post(toReview, 'lead')).status).toBe(200)
		expect((await post({ ...toReview, from: 'in_review', to: 'approved' }, 'lead')).status).toBe(403)
	})

	test('an unknown section is not found', async () => {
		expect(
			(await post({ intent: 'edit', sectionId: 'aaaaaaaaaaaaaaaa', title: 'Anything' }, 'chair')).status,
		).toBe(404)
	})
})

describe('what a co-chair may enter', () => {
	async function refusal(fields: Record<string, string>) {
		const response = await post({ intent: 'add', ...fields }, 'chair')
		return { status: response.status, html: await response.text() }
	}

	test('an empty title is refused with a message', async () => {
		expect(await refusal({ title: '' })).toMatchObject({
			status: 400,
			html: expect.stringContaining('Enter a title.'),
		})
	})

	test('a 10,000-character title is refused with the limit', async () => {
		expect(await refusal({ title: 'x'.repeat(10_000) })).toMatchObject({
			status: 400,
			html: expect.stringContaining('Use at most 200 characters (this has 10,000).'),
		})
	})

	test('a target out of range is refused', async () => {
		for (const targetWords of ['-1', '100001']) {
			expect(await refusal({ title: 'Glossary', targetWords })).toMatchObject({
				status: 400,
				html: expect.stringContaining('Choose a target from 0 to 100,000 words'),
			})
		}
	})

	test('a due date outside the run is refused', async () => {
		expect(await refusal({ title: 'Glossary', dueOn: '2040-01-01' })).toMatchObject({
			status: 400,
			html: expect.stringContaining('from its first phase to publication'),
		})
	})

	test('sending back without a note is refused with a message', async () => {
		const sectionId = sectionIdByTitle(server.dataDir, 'Model policy template')
		const response = await post({ intent: 'status', sectionId, from: 'in_review', to: 'drafting' }, 'chair')
		expect(response.status).toBe(400)
		expect(await response.text()).toContain('Write what needs to change')
	})
})

test('the outline shows who has a section open right now', async () => {
	const writer = connectCollab(server.origin, ids.introduction, cookies.writer)
	try {
		await writer.synced
		const here = /Here now<\/dt><dd><span class="outline-here">.*?Sam Rivera/
		let html = ''
		for (const deadline = Date.now() + 5_000; !here.test(html) && Date.now() < deadline; ) {
			html = await (await get(server.origin, page, cookies.chair)).text()
		}
		expect(html).toMatch(here)
	} finally {
		writer.destroy()
	}
})

test('a co-chair adds a section, moves it up, and sends a section back with a note', async () => {
	const tab = await openPage(browser)
	await signInThroughForm(tab, server.origin, EMAILS.chair, page)
	const addForm = tab.locator('form#section-add')
	await addForm.getByLabel('Title').fill('Glossary of terms')
	await addForm.getByRole('button', { name: 'Add section' }).click()
	await tab.getByRole('status').filter({ hasText: '“Glossary of terms” was added' }).waitFor()
	const titles = () => tab.locator('.outline-title a').allTextContents()
	expect((await titles()).at(-1)).toBe('Glossary of terms')

	await tab.getByRole('button', { name: 'Move up “Glossary of terms”' }).click()
	await tab.getByRole('status').filter({ hasText: 'moved up' }).waitFor()
	expect((await titles()).slice(-2)).toEqual(['Glossary of terms', 'Appendices and resources'])
	// Focus stays with the section, so the keyboard can keep moving it.
	expect(await tab.evaluate(() => document.activeElement?.textContent)).toContain('Move up')

	const section = tab.locator('.outline-item', { hasText: 'Model policy template' })
	await section.locator('summary', { hasText: 'Send back' }).click()
	await section.getByRole('button', { name: /Send back to drafting/ }).click()
	await section.getByText('Write what needs to change').last().waitFor()
	await section.getByLabel('What needs to change').fill('Add the procurement clauses from the March draft.')
	await section.getByRole('button', { name: /Send back to drafting/ }).click()
	await tab.getByRole('status').filter({ hasText: 'went back to drafting' }).waitFor()
	await expect(section.locator('.outline-note').textContent()).resolves.toContain(
		'Add the procurement clauses from the March draft.',
	)
	await expect(section.locator('.state').first().textContent()).resolves.toBe('Drafting')

	expect(await findAccessibilityViolations(tab)).toEqual([])
	await tab.context().close()
})

test('approving a section with an open comment thread asks for a reason, and the reason is kept', async () => {
	const tab = await openPage(browser)
	await signInThroughForm(tab, server.origin, EMAILS.chair, page)
	const section = tab.locator('.outline-item', { hasText: 'Model policy template' })
	// An earlier test sent it back to drafting: send it to review again.
	if ((await section.locator('.state').first().textContent()) === 'Drafting') {
		await section.getByRole('button', { name: /^Send to review/ }).click()
		await tab.getByRole('status').filter({ hasText: 'is in review now' }).waitFor()
	}
	await section.locator('summary', { hasText: 'Approve' }).click()
	expect(await section.textContent()).toContain('It has 1 open comment thread.')
	await section.getByRole('button', { name: /Approve anyway/ }).click()
	await section
		.getByText(/has 1 open comment thread\. Resolve them first, or approve anyway and write why\./)
		.waitFor()
	await section.getByLabel('Why approve it now').fill('The thread asks about vendors; chapter 6 answers it.')
	await section.getByRole('button', { name: /Approve anyway/ }).click()
	await tab.getByRole('status').filter({ hasText: '“Model policy template” is approved now.' }).waitFor()
	expect(await findAccessibilityViolations(tab)).toEqual([])
	await tab.goto(`${server.origin}/t/genai/activity`)
	expect(await tab.locator('main').textContent()).toContain(
		'moved the section “Model policy template” to approved with 1 open comment thread (“The thread asks about vendors; chapter 6 answers it.”)',
	)
	await tab.context().close()
})
