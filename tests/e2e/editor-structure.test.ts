import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { findAccessibilityViolations } from './axe.ts'
import { launchBrowser, openPage } from './browser.ts'
import { sectionIdByTitle } from './collab-client.ts'
import { type RunningServer, startServer } from './server.ts'
import { signInThroughForm } from './sign-in.ts'

// A document stored before the server refused such structures (or written by anything that
// bypasses the socket) must never show as an empty page: the editor says what happened, shows the
// text it can read, and offers a way on.

const SECTION = 'Workforce and training'
const DEPTH = 20_000
const DEEP_TEXT = 'Still here at the bottom of the quotes.'

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

/**
 * Adds `DEPTH` nested blockquotes with a paragraph at the bottom to the section's stored state,
 * straight in the database. Built level by level: each quote goes into the one already in the
 * document (a whole nested tree inserted at once overflows yjs's own stack).
 */
function storeDeepQuotes(dataDir: string, sectionId: string): void {
	const db = new Database(path.join(dataDir, 'convene.db'))
	try {
		const doc = new Y.Doc()
		const snapshot = db.prepare('select state from doc_snapshots where doc_id = ?').get(sectionId) as {
			state: Buffer
		}
		Y.applyUpdate(doc, snapshot.state)
		for (const row of db
			.prepare('select data from doc_updates where doc_id = ? order by seq')
			.all(sectionId) as Array<{ data: Buffer }>)
			Y.applyUpdate(doc, row.data)
		// One transaction: outside one, each insert walks every level above it (quadratic).
		doc.transact(() => {
			let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(FRAGMENT_NAME)
			for (let level = 0; level < DEPTH; level++) {
				const quote = new Y.XmlElement('blockquote')
				parent.insert(parent.length, [quote])
				parent = quote
			}
			const paragraph = new Y.XmlElement('paragraph')
			parent.insert(0, [paragraph])
			paragraph.insert(0, [new Y.XmlText(DEEP_TEXT)])
		})
		db.prepare('update doc_snapshots set state = ? where doc_id = ?').run(
			Buffer.from(Y.encodeStateAsUpdate(doc)),
			sectionId,
		)
		db.prepare('delete from doc_updates where doc_id = ?').run(sectionId)
	} finally {
		db.close()
	}
}

test('a section stored too deeply nested shows a recoverable error with its text, not an empty page', async () => {
	const sectionId = sectionIdByTitle(server.dataDir, SECTION)
	storeDeepQuotes(server.dataDir, sectionId)
	const page = await openPage(browser)
	await signInThroughForm(page, server.origin, 'cochair@demo.test', `/t/genai/sections/${sectionId}`)

	const panel = page.getByRole('region', { name: 'This section cannot be shown in the editor' })
	await panel.waitFor({ timeout: 15_000 })
	const text = await panel.textContent()
	// The seeded text and the text at the very bottom of the quotes, as plain text.
	expect(text).toContain('Skills for every role')
	expect(text).toContain('baseline literacy for all staff')
	expect(text).toContain(DEEP_TEXT)
	// Ways on: the saved versions, and trying again.
	await expect
		.poll(() => panel.getByRole('link', { name: 'Saved versions' }).getAttribute('href'))
		.toBe(`/t/genai/sections/${sectionId}/versions`)
	await panel.getByRole('link', { name: 'Reload the page' }).waitFor()
	// The editor itself is not left mounted empty underneath.
	expect(await page.getByRole('textbox', { name: /^Text of / }).count()).toBe(0)
	expect(await findAccessibilityViolations(page)).toEqual([])
})
