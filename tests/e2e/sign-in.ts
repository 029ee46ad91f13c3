import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from './http.ts'

/** Signs in through the real form, as a person would, and waits to land where it leads. */
export async function signInThroughForm(page: Page, origin: string, email: string, next = '/') {
	await page.goto(`${origin}/login?${new URLSearchParams({ redirectTo: next })}`)
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL(`${origin}${next}`)
	// The URL changes before the new page renders; the header's sign-out button marks that it has.
	await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor()
}
