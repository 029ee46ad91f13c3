import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoData, ENGAGEMENT } from './assignment-data.ts'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

let server: RunningServer
let browser: Browser
let data: ReturnType<typeof demoData>

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	data = demoData(server)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

describe('in the browser', () => {
	test('a co-chair creates an assignment for the writer, who sees it under My work and moves it to done', async () => {
		const writerName = data.query<{ name: string }>(
			"select name from users where email = 'writer@demo.test'",
		).name
		const chair = await openPage(browser)
		await signInThroughForm(chair, server.origin, 'cochair@demo.test', '/t/genai/assignments')
		await chair.getByRole('link', { name: 'New assignment' }).click()
		await chair.getByLabel('Title').fill('Collect resident survey results')
		await chair.getByLabel('Details (optional)').fill('From the three pilot cities.')
		await chair.getByLabel('Subcommittee').selectOption({ label: ENGAGEMENT })
		await chair.getByLabel('Assignee (optional)').selectOption({ label: writerName })
		await chair.getByLabel('Due date').fill(data.dueSoon())
		await chair.getByRole('button', { name: 'Create assignment' }).click()
		await chair.getByText('Assignment created.').waitFor()
		expect(await chair.locator('h1').textContent()).toBe('Collect resident survey results')

		const writer = await openPage(browser)
		await signInThroughForm(writer, server.origin, 'writer@demo.test', '/t/genai')
		const myWork = writer.locator('section', { has: writer.getByRole('heading', { name: 'My work' }) })
		await myWork.getByRole('link', { name: 'Collect resident survey results' }).click()
		await writer.getByRole('heading', { level: 1, name: 'Collect resident survey results' }).waitFor()
		await writer.waitForLoadState('networkidle')
		await writer.getByLabel('Status', { exact: true }).selectOption({ label: 'Done' })
		await writer.getByRole('button', { name: 'Update status' }).click()
		await writer.getByText('Status updated.').waitFor()
		expect(await writer.locator('.page-header .state').first().textContent()).toContain('Done')

		await writer.goto(`${server.origin}/t/genai`)
		expect(await myWork.getByRole('link', { name: 'Collect resident survey results' }).count()).toBe(0)
	})

	test('the board moves a card by keyboard, and focus follows the card to its new column', async () => {
		const page = await openPage(browser)
		const board = `/t/genai/assignments?subcommittee=${data.subcommitteeId(ENGAGEMENT)}&view=board`
		await signInThroughForm(page, server.origin, 'lead@demo.test', board)
		const card = page.locator('.board-column-todo .board-card').first()
		const title = (await card.locator('h3').textContent()) ?? ''
		const select = card.getByLabel(`Move “${title}” to`)
		await select.focus()
		await select.selectOption('done')
		await page.keyboard.press('Tab')
		await page.keyboard.press('Enter')
		await page.getByText(`Moved “${title}” to Done.`).waitFor()
		// Focus follows the card once the reloaded board has it in its new column.
		const focused = await page.waitForFunction(
			() =>
				document.activeElement?.closest('section.board-column')?.getAttribute('aria-labelledby') ===
					'column-done' && document.activeElement.querySelector('h3')?.textContent,
		)
		expect(await focused.jsonValue()).toBe(title)
	})

	test('moving a card to Blocked asks why on the assignment’s page', async () => {
		const page = await openPage(browser)
		const board = `/t/genai/assignments?subcommittee=${data.subcommitteeId(ENGAGEMENT)}&status=todo&view=board`
		await signInThroughForm(page, server.origin, 'lead@demo.test', board)
		const card = page.locator('.board-column-todo .board-card').first()
		const title = (await card.locator('h3').textContent()) ?? ''
		await card.getByLabel(`Move “${title}” to`).selectOption('blocked')
		await card.getByRole('button', { name: `Move “${title}”` }).click()
		await page.getByText('Say what is blocking it').waitFor()
		await page.getByRole('button', { name: 'Save changes' }).click()
		await page.getByText('Say what is blocking it, so someone can help.').waitFor()
		await page.getByLabel('What is blocking it?').fill('Waiting for the city attorney')
		await page.getByRole('button', { name: 'Save changes' }).click()
		await page.getByText('Changes saved.').waitFor()
		expect(await page.getByText('Blocked: Waiting for the city attorney').count()).toBe(1)
	})

	test('with scripts, a card can also be dragged to another column', async () => {
		const page = await openPage(browser)
		const board = `/t/genai/assignments?subcommittee=${data.subcommitteeId(ENGAGEMENT)}&view=board`
		await signInThroughForm(page, server.origin, 'lead@demo.test', board)
		const card = page.locator('.board-column-in_progress .board-card[draggable="true"]').first()
		const title = (await card.locator('h3').textContent()) ?? ''
		await card.dragTo(page.locator('.board-column-todo'))
		await page.getByText(`Moved “${title}” to To do.`).waitFor()
		// The notice comes with the action's answer; the column follows when the board reloads.
		await page.locator('.board-column-todo h3', { hasText: title }).first().waitFor()
		expect(await page.locator('.board-column-in_progress h3', { hasText: title }).count()).toBe(0)
	})

	test('a lead deletes an assignment after confirming, and the activity log keeps its title', async () => {
		const page = await openPage(browser)
		// Finished work of the lead's subcommittee, so the other tests' open cards stay.
		const target = data.query<{ id: string; title: string }>(
			`select a.id, a.title from assignments a join subcommittees s on s.id = a.subcommittee_id
			 where s.name = ? and a.status = 'done' order by a.id limit 1`,
			ENGAGEMENT,
		)
		await signInThroughForm(page, server.origin, 'lead@demo.test', `/t/genai/assignments/${target.id}`)
		await page.getByText('Delete this assignment…').click()
		await page.getByRole('button', { name: `Delete “${target.title}”` }).click()
		await page.getByText('The assignment was deleted.').waitFor()
		expect(data.query<{ n: number }>('select count(*) as n from assignments where id = ?', target.id).n).toBe(
			0,
		)
		expect(
			data.query<{ data: string }>(
				"select data from activity where verb = 'assignment.deleted' and subject_id = ?",
				target.id,
			).data,
		).toBe(JSON.stringify({ title: target.title }))
	})

	test('the list, the board and the dashboard meet WCAG 2.1 AA as axe-core checks them', async () => {
		const page = await openPage(browser)
		await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai/assignments')
		expect(await findAccessibilityViolations(page)).toEqual([])
		await page.goto(`${server.origin}/t/genai/assignments?view=board`)
		expect(await findAccessibilityViolations(page)).toEqual([])
		await page.goto(`${server.origin}/t/genai/assignments?overdue=1`)
		expect(await page.locator('.row-overdue').count()).toBeGreaterThan(0)
		expect(await findAccessibilityViolations(page)).toEqual([])
		await page.goto(`${server.origin}/t/genai`)
		expect(await findAccessibilityViolations(page)).toEqual([])
		await page.goto(`${server.origin}/t/genai/assignments/new`)
		expect(await findAccessibilityViolations(page)).toEqual([])

		const writer = await openPage(browser)
		await signInThroughForm(writer, server.origin, 'writer@demo.test', '/t/genai')
		expect(await findAccessibilityViolations(writer)).toEqual([])
		// An assignment of the writer's, whatever its status: its page has the status form.
		const target = data.query<{ id: string }>(
			'select id from assignments where assignee_id = ? limit 1',
			data.userId('writer@demo.test'),
		)
		await writer.goto(`${server.origin}/t/genai/assignments/${target.id}`)
		expect(await findAccessibilityViolations(writer)).toEqual([])
	})

	test('by keyboard, the first open assignment comes before any done one; done work is folded under “Done (n)”', async () => {
		const page = await openPage(browser)
		await signInThroughForm(page, server.origin, 'writer@demo.test', '/t/genai/assignments')
		await page.reload()
		/** Tabs from the top of the page until an assignment's link has focus; its row's status. */
		async function tabToFirstAssignment() {
			for (let tabs = 1; tabs <= 200; tabs++) {
				await page.keyboard.press('Tab')
				const status = await page.evaluate(() => {
					const link = document.activeElement
					if (!link?.matches('a[href*="/assignments/"]') || !link.closest('tbody')) return null
					return link.closest('tr')?.querySelector('.cell-states .state')?.textContent ?? ''
				})
				if (status !== null) return { tabs, status }
			}
			throw new Error('no assignment reached in 200 Tabs')
		}
		const first = await tabToFirstAssignment()
		process.stderr.write(`Tabs to the first assignment: ${first.tabs} (${first.status})\n`)
		expect(first.status).not.toBe('Done')
		// Nothing stands between the filters and the open work but the table's own scrolling frame.
		expect(first.tabs).toBeLessThanOrEqual(30)

		const done = page.locator('details.done-group')
		const doneCount = data.query<{ n: number }>(
			"select count(*) as n from assignments where status = 'done'",
		).n
		expect(await done.locator('summary').textContent()).toBe(`Done (${doneCount})`)
		expect(await done.getAttribute('open')).toBeNull()
		await done.locator('summary').click()
		expect(await done.locator('tbody tr').count()).toBe(doneCount)
		expect(await findAccessibilityViolations(page)).toEqual([])

		// A filter that leaves only done work shows it unfolded.
		await page.goto(`${server.origin}/t/genai/assignments?status=done`)
		expect(await page.locator('details.done-group').getAttribute('open')).not.toBeNull()
	})

	test('the dashboard’s numbers link to the filtered lists behind them', async () => {
		const page = await openPage(browser)
		await signInThroughForm(page, server.origin, 'cochair@demo.test', '/t/genai')
		const link = page.getByRole('link', { name: /overdue assignments?$/ })
		const count = Number((await link.locator('.attention-count').textContent()) ?? 'NaN')
		await link.click()
		await page.waitForURL(`${server.origin}/t/genai/assignments?overdue=1`)
		await page.getByText(/of \d+ assignments matche?s? the filters/).waitFor()
		expect(await page.locator('tbody tr').count()).toBe(count)
		expect(await page.getByLabel('Overdue').isChecked()).toBe(true)
		await page.goto(`${server.origin}/t/genai`)
		expect(await page.getByRole('link', { name: 'Manage phases and milestones' }).getAttribute('href')).toBe(
			'/t/genai/settings/phases',
		)
	})
})
