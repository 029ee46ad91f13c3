import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { launchBrowser } from './browser.ts'
import { connectCollab, sectionIdByTitle, storedText } from './collab-client.ts'
import { openSection, typeAtEnd } from './editor-pages.ts'
import { signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

// Typing an address makes a link (autolink) — for the person typing it. Text that arrives from
// others, or loads when the section opens, is theirs as they left it: a client that linked it would
// change someone else's words (undoing a link they removed) and send that change to everyone.

const SECTION = 'Community engagement and transparency'
const POLL = { timeout: 10_000, interval: 100 }

let server: RunningServer
let browser: Browser
let sectionId: string

beforeAll(async () => {
	server = await startServer()
	browser = await launchBrowser()
	sectionId = sectionIdByTitle(server.dataDir, SECTION)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
})

/** A paragraph at the start of the text, as another client (no editor) writes it. */
function insertFirst(doc: Y.Doc, text: string): void {
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText(text)])
	doc.getXmlFragment(FRAGMENT_NAME).insert(0, [paragraph])
}

test('addresses in text from others, or in the text as it opens, stay plain; the typist’s own become links', async () => {
	const cookie = await signIn(server.origin, 'writer@demo.test')
	const other = connectCollab(server.origin, sectionId, cookie)
	await other.synced
	insertFirst(other.doc, 'Stored plainly: see example.gov ')
	await expect.poll(() => storedText(server.dataDir, sectionId), POLL).toContain('see example.gov')

	const reader = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
	await expect.poll(() => reader.status.textContent(), POLL).toContain('Saved')
	insertFirst(other.doc, 'Arrived plainly: see example.org ')
	await expect.poll(() => reader.text.textContent(), POLL).toContain('see example.org')
	await typeAtEnd(reader, 'Typed here: see example.net and more')
	await expect.poll(() => other.text(), POLL).toContain('example.net</link>')
	await new Promise((resolve) => setTimeout(resolve, 1_000))
	const text = other.text()
	expect(text).toContain('see example.gov </paragraph>')
	expect(text).toContain('see example.org </paragraph>')
	other.destroy()
	await reader.page.context().close()
})
