import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import mammoth from 'mammoth'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { readZip } from '../support/zip.ts'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { ensurePoppler } from './chromium.ts'
import { sectionIdByTitle, storedText } from './collab-client.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

// Issue 14's "done when": a co-chair fixes the blocking accessibility finding, publishes 1.0 of the
// demo guidebook, opens the public page, and a signed-out visitor reads it and downloads DOCX, PDF
// and Markdown, each checked with a reader that is not ours. Then who gets what, route by route.

const POLL = { timeout: 15_000, interval: 200 }
const dataDir = mkdtempSync(path.join(tmpdir(), 'convene-publication-'))
const files = mkdtempSync(path.join(tmpdir(), 'convene-downloads-'))
const GUIDEBOOK = 'Generative AI for Local Governments'

let server: RunningServer
let browser: Browser
let chair: string

function documentId(): string {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const row = db
			.prepare(
				"select d.id from documents d join task_forces t on t.id = d.task_force_id where t.slug = 'genai'",
			)
			.get() as { id: string }
		return row.id
	} finally {
		db.close()
	}
}

beforeAll(async () => {
	ensurePoppler()
	;[server, browser] = await Promise.all([startServer({}, { dataDir }), launchBrowser()])
	chair = await signIn(server.origin, 'cochair@demo.test')
	// Into the publishing phase, as co-chairs do on the phases page (gates overridden with reasons).
	for (const from of ['writing', 'editing']) {
		const advance = await postForm(
			server.origin,
			'/t/genai/settings/phases',
			{ intent: 'advance', from, reason: 'The co-chairs move on to finish on time.' },
			chair,
		)
		expect(advance.status, from).toBe(200)
	}
})
afterAll(async () => {
	await browser?.close()
	await server?.stop()
	rmSync(dataDir, { recursive: true, force: true })
	rmSync(files, { recursive: true, force: true })
})

/** Clicks a download link and returns the file's bytes. */
async function download(page: Page, name: string): Promise<Buffer> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name, exact: true }).click(),
	])
	const saved = path.join(files, file.suggestedFilename())
	await file.saveAs(saved)
	return readFileSync(saved)
}

/** Word's HTML as mammoth reads it, without the bookmarks Word's table of contents points at. */
async function wordHtml(docx: Buffer): Promise<string> {
	const { value } = await mammoth.convertToHtml({ buffer: docx })
	return value.replace(/<a id="_Toc\d+"><\/a>/g, '')
}

function pdfInfo(pdf: Buffer): { info: string; text: string } {
	const file = path.join(files, `check-${Date.now()}.pdf`)
	writeFileSync(file, pdf)
	return {
		info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
		// Lines joined: a long title wraps on the page.
		text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
	}
}

test('a co-chair fixes the blocking finding and publishes 1.0; a signed-out visitor reads it and downloads DOCX, PDF and Markdown', async () => {
	const page = await openPage(browser)
	const read = `/t/genai/documents/${documentId()}/read`
	await signInThroughForm(page, server.origin, 'cochair@demo.test', read)
	const check = page.getByRole('region', { name: 'Accessibility check' })
	await expect.poll(() => check.textContent(), POLL).toContain('A heading has no text')
	expect(await findAccessibilityViolations(page)).toEqual([])

	// The finding's link leads to the section, where the empty heading gets its words.
	await check
		.getByRole('link', { name: /Fix it in the section/ })
		.first()
		.click()
	const emptyHeading = page.locator('.ProseMirror h2').filter({ hasText: /^$/ })
	await emptyHeading.click()
	await page.keyboard.type('County services')
	const sectionId = sectionIdByTitle(dataDir, 'Use cases in local government')
	await expect.poll(() => storedText(dataDir, sectionId), POLL).toContain('County services')

	await page.goto(`${server.origin}${read}`)
	await expect.poll(() => check.textContent(), POLL).toContain('No findings')
	const publish = page.getByRole('region', { name: 'Publish edition 1.0' })
	await publish
		.getByLabel(/Why publish anyway/)
		.fill('The co-chairs approved the guidebook at their April meeting.')
	await publish.getByRole('button', { name: 'Publish edition 1.0' }).click()
	await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('Edition 1.0 is published.')

	// Closed by default: signed out, the edition is not there yet.
	expect((await get(server.origin, '/p/genai')).status).toBe(302)
	await page.getByLabel('Anyone may read the editions, without signing in').check()
	await page.getByRole('button', { name: 'Save' }).click()
	await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('The public page is open')

	const visitor = await openPage(browser)
	await visitor.goto(`${server.origin}/p/genai`)
	expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe(GUIDEBOOK)
	expect(await visitor.getByRole('heading', { name: 'County services' }).count()).toBe(1)
	expect(await findAccessibilityViolations(visitor)).toEqual([])

	const docx = await download(visitor, 'Word document (DOCX)')
	const word = await wordHtml(docx)
	expect(word).toContain(`<h1>${GUIDEBOOK}</h1>`)
	expect(word).toContain('<h2>Use cases in local government</h2>')
	expect(word).toContain('<h3>County services</h3>')

	const pdf = pdfInfo(await download(visitor, 'PDF (tagged for screen readers)'))
	expect(pdf.info).toMatch(/Tagged:\s+yes/)
	expect(pdf.text).toContain(GUIDEBOOK)
	expect(pdf.text).toContain('County services')
	expect(pdf.text).toMatch(/Page 2 of \d+/)

	const markdown = (await download(visitor, 'Markdown')).toString('utf8')
	expect(markdown.startsWith(`# ${GUIDEBOOK}\n`)).toBe(true)
	expect(markdown).toContain('\n## Use cases in local government\n')
	expect(markdown).toContain('\n### County services\n')
})

test('/p/<slug>: the published demo edition, to anyone; nothing else of the task force', async () => {
	for (const url of ['/p/data-governance', '/p/data-governance/1.0']) {
		const response = await get(server.origin, url)
		expect(response.status, url).toBe(200)
		const html = await response.text()
		expect(html).toContain('<h1>Data Governance Playbook for Cities</h1>')
		expect(html).toContain('<meta property="og:title"')
		expect(html).toContain('Cite this:')
		// No emails, drafts' review or anything else of the task force.
		expect(html).not.toContain('@demo.test')
		expect(html).not.toContain('/t/data-governance')
	}
	const page = await openPage(browser)
	await page.goto(`${server.origin}/p/data-governance/1.0`)
	expect(await findAccessibilityViolations(page)).toEqual([])
	expect((await get(server.origin, '/p/data-governance/2.0')).status).toBe(404)
	expect((await get(server.origin, '/p/data-governance/latest')).status).toBe(404)
})

test('/p/<slug>/<edition>.<format>: downloads with their types, read back by independent readers', async () => {
	const base = '/p/data-governance/1.0'
	const markdown = await get(server.origin, `${base}.md`)
	expect(markdown.headers.get('content-type')).toContain('text/markdown')
	expect(markdown.headers.get('content-disposition')).toContain('data-governance-1.0.md')
	expect(await markdown.text()).toContain('## Why data governance')

	const html = await get(server.origin, `${base}.html`)
	const file = await html.text()
	expect(file).toContain('<style>')
	expect(file).toContain('Cities hold more data about residents than ever')
	// The one-file HTML stands alone (no request to us) and passes axe like the page.
	const standalone = await openPage(browser)
	await standalone.setContent(file)
	expect(await findAccessibilityViolations(standalone)).toEqual([])

	const docx = Buffer.from(await (await get(server.origin, `${base}.docx`)).arrayBuffer())
	const word = await wordHtml(docx)
	expect(word).toContain('<h2>Why data governance</h2>')
	expect(word).toContain('<h3>What this playbook covers</h3>')

	const pdf = pdfInfo(Buffer.from(await (await get(server.origin, `${base}.pdf`)).arrayBuffer()))
	expect(pdf.info).toMatch(/Tagged:\s+yes/)
	expect(pdf.text).toContain('Why data governance')
	expect((await get(server.origin, `${base}.exe`)).status).toBe(404)
})

test('a closed public page: members read the editions, an observer too; a non-member gets 404, a visitor is sent to sign in', async () => {
	// genai's page was opened by the first test; closing it again takes it back to members.
	const closed = await postForm(
		server.origin,
		`/t/genai/documents/${documentId()}/read`,
		{ intent: 'public-page' },
		chair,
	)
	expect(closed.status).toBe(200)
	for (const url of ['/p/genai', '/p/genai/1.0', '/p/genai/1.0.md']) {
		expect((await get(server.origin, url)).status, `${url} signed out`).toBe(302)
		expect((await get(server.origin, url, await signIn(server.origin, 'admin@demo.test'))).status, url).toBe(
			404,
		)
		const observer = await get(server.origin, url, await signIn(server.origin, 'observer@demo.test'))
		expect(observer.status, `${url} observer`).toBe(200)
		expect(observer.headers.get('cache-control')).toContain('private')
	}
	// An observer may read, not publish or open the page.
	const observer = await signIn(server.origin, 'observer@demo.test')
	const refused = await postForm(
		server.origin,
		`/t/genai/documents/${documentId()}/read`,
		{ intent: 'public-page', open: 'on' },
		observer,
	)
	expect(refused.status).toBe(403)
})

test('/t/<slug>/records.zip: co-chairs get the archive, its manifest hashes match; observers 403, non-members 404', async () => {
	const response = await get(server.origin, '/t/genai/records.zip', chair)
	expect(response.status).toBe(200)
	expect(response.headers.get('content-type')).toBe('application/zip')
	const entries = await readZip(Buffer.from(await response.arrayBuffer()))
	const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as {
		files: Array<{ path: string; sha256: string }>
	}
	expect(manifest.files.length).toBeGreaterThan(10)
	const { createHash } = await import('node:crypto')
	const wrong = manifest.files.filter(
		(entry) =>
			createHash('sha256')
				.update(entries.get(entry.path) ?? '')
				.digest('hex') !== entry.sha256,
	)
	expect(wrong).toEqual([])
	expect(
		(await get(server.origin, '/t/genai/records.zip', await signIn(server.origin, 'observer@demo.test')))
			.status,
	).toBe(403)
	expect(
		(await get(server.origin, '/t/genai/records.zip', await signIn(server.origin, 'admin@demo.test'))).status,
	).toBe(404)
	expect((await get(server.origin, '/t/genai/records.zip')).status).toBe(302)
})
