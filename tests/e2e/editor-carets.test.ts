import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchBrowser } from './browser.ts'
import { sectionIdByTitle, storedText } from './collab-client.ts'
import {
	moveCaret,
	openSection,
	othersCarets,
	personName,
	type SectionPage,
	startParagraphAfterHeading,
	typeHere,
} from './editor-pages.ts'
import { type RunningServer, startServer } from './server.ts'

const ENGAGEMENT = 'Community engagement and transparency'
const POLL = { timeout: 10_000, interval: 100 }

let server: RunningServer
let browser: Browser
let sectionId: string

beforeAll(async () => {
	browser = await launchBrowser()
})
afterAll(async () => {
	await browser?.close()
})
// Each case starts from the seeded text: where the caret lands depends on every empty paragraph.
beforeEach(async () => {
	server = await startServer()
	sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
})
afterEach(async () => {
	for (const context of browser.contexts()) await context.close()
	await server?.stop()
})

/** The blocks of the text as the page shows them: tag and text (without others' caret labels). */
function blocks(section: SectionPage): Promise<string[]> {
	return section.text.evaluate((root) =>
		[...root.children].map((block) => {
			const copy = block.cloneNode(true) as Element
			for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
			return `${block.tagName.toLowerCase()}: ${copy.textContent ?? ''}`
		}),
	)
}

/** Text blocks of a stored section, as "tag: text" like `blocks` (the stored XML is flat here). */
function storedBlocks(): string[] {
	return [...storedText(server.dataDir, sectionId).matchAll(/<(\w+)[^>]*>(.*?)<\/\1>/g)].map(
		([, tag, text]) => `${tag === 'heading' ? 'h2' : tag === 'paragraph' ? 'p' : tag}: ${text}`,
	)
}

describe('a collaborator’s change elsewhere never moves your caret', () => {
	// The class: a caret in an empty paragraph (just after Enter) is anchored to nothing but the
	// paragraph itself; a remote Enter above it used to pull it into a new empty paragraph there.
	// The other writer presses Enter twice and types in the first new paragraph; both orders of
	// typing.
	test.each([
		{ heading: 'Start with residents', first: 'waiting writer' },
		{ heading: 'Public registers of AI use', first: 'other writer' },
	])(
		'a caret in an empty paragraph after “$heading” stays there when another writer presses Enter at the start ($first types first)',
		async ({ heading, first }) => {
			const waiting = await openSection(browser, server.origin, 'writer@demo.test', sectionId)
			const other = await openSection(browser, server.origin, 'writer2@demo.test', sectionId)
			for (const writer of [waiting, other])
				await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
			const mine = `Mine after ${heading}.`
			const theirs = `Theirs at the top, before ${heading}.`

			await startParagraphAfterHeading(waiting, heading)
			const withEmpty = (await blocks(waiting)).length
			await expect.poll(async () => (await blocks(other)).length, POLL).toBe(withEmpty)

			await other.text.click()
			await moveCaret(other, 'Control+Home', (caret) => caret.block === 0 && caret.offset === 0)
			await other.page.keyboard.press('Enter')
			await other.page.keyboard.press('Enter')
			await moveCaret(other, 'ArrowUp', (caret) => caret.block === 1)
			await expect.poll(async () => (await blocks(waiting)).length, POLL).toBe(withEmpty + 2)
			// Their editor has their caret in the second new paragraph (not only their browser): it is
			// what everyone else is shown.
			const them = personName(server.dataDir, 'writer2@demo.test')
			await expect.poll(() => othersCarets(waiting), POLL).toEqual([{ name: them, block: 1, offset: 0 }])

			if (first === 'waiting writer') {
				await typeHere(waiting, mine)
				await typeHere(other, theirs)
			} else {
				await typeHere(other, theirs)
				await expect.poll(async () => (await blocks(waiting)).join('\n'), POLL).toContain(theirs)
				await typeHere(waiting, mine)
			}

			// Mine right after the heading where I pressed Enter; theirs alone in a block of its own.
			const placed = (shown: string[]) => {
				const at = shown.findIndex((block) => block.endsWith(`: ${heading}`))
				const texts = shown.map((block) => block.replace(/^\w+: /, ''))
				return {
					after: shown[at + 1],
					theirs: texts.filter((text) => text === theirs).length,
					mine: texts.filter((text) => text.includes(mine)).length,
				}
			}
			for (const writer of [waiting, other]) {
				await expect
					.poll(async () => placed(await blocks(writer)), POLL)
					.toEqual({ after: `p: ${mine}`, theirs: 1, mine: 1 })
			}
			for (const writer of [waiting, other])
				await expect.poll(() => writer.status.textContent(), POLL).toBe('Saved')
			expect(placed(storedBlocks())).toEqual({ after: `p: ${mine}`, theirs: 1, mine: 1 })
		},
	)
})
