import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Locator, Page } from 'playwright-core'
import { openPage } from './browser.ts'
import { signInThroughForm } from './sign-in.ts'

export type SectionPage = {
	page: Page
	/** The editable (or read-only) text. */
	text: Locator
	/** The status line ("Saved", "Offline — …", "Read only: …"). */
	status: Locator
}

/** Signs `email` in, in a browser context of its own, and opens the section's editor. */
export async function openSection(
	browser: Browser,
	origin: string,
	email: string,
	sectionId: string,
	options: { width?: number } = {},
): Promise<SectionPage> {
	const page = await openPage(browser, options)
	await signInThroughForm(page, origin, email, `/t/genai/sections/${sectionId}`)
	return sectionLocators(page)
}

/** The editor's parts on a page already showing a section; waits until the editor is there. */
export async function sectionLocators(page: Page): Promise<SectionPage> {
	const text = page.getByRole('textbox', { name: /^Text of / })
	await text.waitFor()
	return { page, text, status: page.getByRole('region', { name: 'Section text' }).getByRole('status') }
}

/** Puts the cursor on a new paragraph at the very end of the text, as a person would. */
export async function startParagraphAtEnd(section: SectionPage): Promise<void> {
	await section.text.click()
	await moveCaret(section, 'Control+End', (caret) => caret.lastBlock && caret.atEnd)
	await section.page.keyboard.press('Enter')
}

/** Puts the cursor on a new paragraph right after the heading `heading`. */
export async function startParagraphAfterHeading(section: SectionPage, heading: string): Promise<void> {
	await section.text.locator('h2, h3, h4', { hasText: heading }).click()
	const clicked = await settledCaret(section)
	await moveCaret(section, 'End', (caret) => caret.block === clicked?.block && caret.atEnd)
	await section.page.keyboard.press('Enter')
}

/** Where a page shows a caret: its block (index among the text's blocks) and offset in that block's text. */
export type Caret = { block: number; offset: number; atEnd: boolean; lastBlock: boolean }

/**
 * Presses `key`, one the browser handles itself (arrows, Home, End), until the caret is where
 * `arrived` wants it. The browser moves the caret at once but tells the editor only with the next
 * `selectionchange` event; anything the editor draws in between (a collaborator's caret moving)
 * puts the caret back where the editor last had it, and the key is lost. On a busy machine that
 * gap is long. A person sees the caret stay put and presses again; so does this, but only then:
 * a move that counted and went elsewhere is an error, not a reason to press on.
 */
export async function moveCaret(
	section: SectionPage,
	key: string,
	arrived: (caret: Caret) => boolean,
): Promise<void> {
	const before = await settledCaret(section)
	for (let attempt = 1; attempt <= 5; attempt++) {
		await section.page.keyboard.press(key)
		const caret = await settledCaret(section)
		if (caret && arrived(caret)) return
		if (caret?.block !== before?.block || caret?.offset !== before?.offset)
			throw new Error(`${key} took the caret from ${JSON.stringify(before)} to ${JSON.stringify(caret)}`)
	}
	throw new Error(`${key} never moved the caret from ${JSON.stringify(before)}`)
}

/**
 * The page's own caret, once the editor has had every move of it: after a quiet spell with no
 * `selectionchange` (the event the editor reads the browser's caret on). Null when it is not in
 * the text. Others' caret labels inside the text are not counted as text.
 */
function settledCaret(section: SectionPage): Promise<Caret | null> {
	return section.text.evaluate(async (root) => {
		const QUIET_MS = 50
		const started = performance.now()
		let last = started
		const note = () => {
			last = performance.now()
		}
		document.addEventListener('selectionchange', note)
		while (performance.now() - last < QUIET_MS && performance.now() - started < 2_000)
			await new Promise((resolve) => setTimeout(resolve, 10))
		document.removeEventListener('selectionchange', note)
		const selection = document.getSelection()
		const focus = selection?.focusNode
		if (!selection || !focus || !root.contains(focus)) return null
		const blocks = [...root.children]
		const block = blocks.findIndex((element) => element.contains(focus))
		if (block < 0) return null
		const textOf = (range: Range) => {
			const copy = range.cloneContents()
			for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
			return copy.textContent ?? ''
		}
		const upToCaret = document.createRange()
		upToCaret.selectNodeContents(blocks[block] as Element)
		const whole = textOf(upToCaret)
		upToCaret.setEnd(focus, selection.focusOffset)
		const offset = textOf(upToCaret).length
		return { block, offset, atEnd: offset === whole.length, lastBlock: block === blocks.length - 1 }
	})
}

/** The carets of others this page shows, by the name on each. */
export function othersCarets(
	section: SectionPage,
): Promise<Array<{ name: string; block: number; offset: number }>> {
	return section.text.evaluate((root) => {
		const blocks = [...root.children]
		return [...root.querySelectorAll('.collaboration-carets__caret')].map((caret) => {
			const block = blocks.findIndex((element) => element.contains(caret))
			const before = document.createRange()
			before.selectNodeContents(blocks[block] as Element)
			before.setEndBefore(caret)
			const copy = before.cloneContents()
			for (const other of copy.querySelectorAll('.collaboration-carets__caret')) other.remove()
			const name = caret.querySelector('.collaboration-carets__label')?.textContent ?? ''
			return { name, block, offset: (copy.textContent ?? '').length }
		})
	})
}

/** Types where the cursor is, at a person's pace. */
export async function typeHere(section: SectionPage, words: string): Promise<void> {
	await section.page.keyboard.type(words, { delay: 15 })
}

/** Puts the cursor at the very end of the text and types there. */
export async function typeAtEnd(section: SectionPage, words: string): Promise<void> {
	await startParagraphAtEnd(section)
	await typeHere(section, words)
}

/** A demo person's display name, read from the server's database. */
export function personName(dataDir: string, email: string): string {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const row = db.prepare('select name from users where email = ?').get(email) as
			| { name: string }
			| undefined
		if (!row) throw new Error(`no user ${email}`)
		return row.name
	} finally {
		db.close()
	}
}
