import { afterAll, beforeAll, expect, test } from 'vitest'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

let server: RunningServer
let cookie: string
beforeAll(async () => {
	server = await startServer()
	cookie = await signIn(server.origin, 'writer@demo.test')
})
afterAll(async () => {
	await server?.stop()
})

/**
 * Targets that leave the site once a browser resolves them, or once a path normaliser (ours or the
 * browser's) folds their dot segments: `/.//evil.test` becomes `//evil.test`, another host.
 */
const HOSTILE_TARGETS = [
	'//evil.test',
	'/.//evil.test',
	'/..//evil.test',
	'/././/evil.test',
	'/a/..//evil.test',
	'/%2e//evil.test',
	'/%2E%2E//evil.test',
	'/.///evil.test',
	'///evil.test',
	'/\\evil.test',
	'/.\\/evil.test',
	'/\t/evil.test',
	'/\n/evil.test',
	'https://evil.test/',
	'http:/evil.test',
	'javascript:alert(1)',
	' //evil.test',
]

/** Where a browser would go with this Location header, seen from our page. */
function landsOnOurSite(location: string | null): boolean {
	if (location === null) return false
	return new URL(location, `${server.origin}/login`).origin === server.origin && location.startsWith('/')
}

test('after signing in (POST), no redirectTo leads off the site', async () => {
	const escapes: string[] = []
	for (const target of HOSTILE_TARGETS) {
		const response = await postForm(server.origin, '/login', {
			email: 'writer@demo.test',
			password: 'demo-password',
			redirectTo: target,
		})
		expect(response.status, JSON.stringify(target)).toBe(303)
		const location = response.headers.get('location')
		if (!landsOnOurSite(location) || location?.startsWith('//'))
			escapes.push(`${JSON.stringify(target)} -> ${location}`)
	}
	expect(escapes).toEqual([])
})

test('someone already signed in opening /login (GET) is never sent off the site', async () => {
	const escapes: string[] = []
	for (const target of HOSTILE_TARGETS) {
		const response = await get(server.origin, `/login?${new URLSearchParams({ redirectTo: target })}`, cookie)
		expect(response.status, JSON.stringify(target)).toBe(302)
		const location = response.headers.get('location')
		if (!landsOnOurSite(location) || location?.startsWith('//'))
			escapes.push(`${JSON.stringify(target)} -> ${location}`)
	}
	expect(escapes).toEqual([])
})

test('a path on the site, with its query, is still where sign-in leads', async () => {
	const response = await postForm(server.origin, '/login', {
		email: 'writer@demo.test',
		password: 'demo-password',
		redirectTo: '/t/genai/assignments?mine=1',
	})
	expect(response.headers.get('location')).toBe('/t/genai/assignments?mine=1')
	const signedIn = await get(
		server.origin,
		`/login?redirectTo=${encodeURIComponent('/t/genai/timeline')}`,
		cookie,
	)
	expect(signedIn.headers.get('location')).toBe('/t/genai/timeline')
})
