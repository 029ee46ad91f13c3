import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type AxeViolation = {
	id: string
	impact: string | null
	help: string
	nodes: Array<{ target: string[] }>
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it stands. axe is evaluated through the
 * DevTools protocol, which our Content-Security-Policy does not (and should not) allow from a page.
 */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource)
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> }
			}
		).axe
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		})
		return result.violations
	})
	return violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
				.map((node) => node.target.join(' '))
				.slice(0, 3)
				.join(', ')}`,
	)
}
