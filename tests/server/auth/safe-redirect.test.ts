import { expect, test } from 'vitest'
import { safeRedirect } from '#server/auth/sign-in.server.ts'

test('targets that normalise to another host fall back to the home page', () => {
	for (const target of [
		'/.//evil.test',
		'/..//x',
		'/%2e%2e//x',
		'/a/..//x',
		'/.///x',
		'/\\evil.test',
		'/\t/evil.test',
	]) {
		expect(safeRedirect(target), JSON.stringify(target)).toBe('/')
	}
})

test('a path on the site keeps its query and fragment, with dot segments folded', () => {
	expect(safeRedirect('/t/genai/assignments?mine=1#open')).toBe('/t/genai/assignments?mine=1#open')
	expect(safeRedirect('/t/genai/./timeline')).toBe('/t/genai/timeline')
	expect(safeRedirect('https://evil.test/', '/t/genai')).toBe('/t/genai')
})
