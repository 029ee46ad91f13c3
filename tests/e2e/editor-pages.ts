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
	await section.page.keyboard.press('Control+End')
	await section.page.keyboard.press('Enter')
}

/** Puts the cursor on a new paragraph right after the heading `heading`. */
export async function startParagraphAfterHeading(section: SectionPage, heading: string): Promise<void> {
	await section.text.locator('h2, h3, h4', { hasText: heading }).click()
	await section.page.keyboard.press('End')
	await section.page.keyboard.press('Enter')
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

/** Starts a new paragraph right after the heading `heading` and types there. */
export async function typeAfterHeading(section: SectionPage, heading: string, words: string): Promise<void> {
	await startParagraphAfterHeading(section, heading)
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
