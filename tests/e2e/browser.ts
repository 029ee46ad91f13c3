import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { onTestFailed } from 'vitest'
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts'

const RESULTS = path.resolve(import.meta.dirname, '../../test-results')

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS })
}

/** A fresh page; if the test fails, a full-page screenshot lands in `test-results/`. */
export async function openPage(
	browser: Browser,
	options: { width?: number; height?: number } = {},
): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
	})
	const page = await context.newPage()
	onTestFailed(async ({ task }) => {
		mkdirSync(RESULTS, { recursive: true })
		const file = path.join(RESULTS, `${task.name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`)
		await page.screenshot({ path: file, fullPage: true }).catch(() => {})
		process.stderr.write(`Screenshot of the failure: ${file}\n`)
	})
	return page
}
