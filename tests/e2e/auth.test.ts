import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { get, postForm, sessionCookieFrom, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

let server: RunningServer
beforeAll(async () => {
	server = await startServer()
})
afterAll(async () => {
	await server?.stop()
})

describe('signing in and out', () => {
	test('the right email and password answer 303 with an HttpOnly, SameSite=Lax session cookie', async () => {
		const response = await postForm(server.origin, '/login', {
			email: 'Writer@Demo.test ',
			password: 'demo-password',
		})
		expect(response.status).toBe(303)
		expect(response.headers.get('location')).toBe('/')
		const cookie = response.headers.getSetCookie().find((value) => value.startsWith('convene_session='))
		expect(cookie).toMatch(/HttpOnly/)
		expect(cookie).toMatch(/SameSite=Lax/)
		expect(cookie).toMatch(/Path=\//)
		expect(cookie).not.toMatch(/Secure/) // plain http here; Secure is added for https origins
	})

	test('a wrong password and an unknown email get the same 400 and no cookie', async () => {
		for (const fields of [
			{ email: 'observer@demo.test', password: 'not-the-password' },
			{ email: 'nobody@nowhere.test', password: 'not-the-password' },
		]) {
			const response = await postForm(server.origin, '/login', fields)
			expect(response.status).toBe(400)
			expect(sessionCookieFrom(response)).toBeNull()
			expect(await response.text()).toContain('Email or password is incorrect.')
		}
	})

	test('after sign-in the person goes back where they were headed, but never off-site', async () => {
		const back = await postForm(server.origin, '/login', {
			email: 'writer@demo.test',
			password: 'demo-password',
			redirectTo: '/t/genai/timeline',
		})
		expect(back.headers.get('location')).toBe('/t/genai/timeline')
		const away = await postForm(server.origin, '/login', {
			email: 'writer@demo.test',
			password: 'demo-password',
			redirectTo: '//evil.example/phish',
		})
		expect(away.headers.get('location')).toBe('/')
	})

	test('signing out ends the session: the same cookie no longer opens pages', async () => {
		const cookie = await signIn(server.origin, 'writer2@demo.test')
		expect((await get(server.origin, '/t/genai', cookie)).status).toBe(200)
		const out = await postForm(server.origin, '/logout', {}, cookie)
		expect(out.status).toBe(303)
		expect(out.headers.getSetCookie().join()).toMatch(/convene_session=;.*Max-Age=0/)
		const after = await get(server.origin, '/t/genai', cookie)
		expect(after.status).toBe(302)
		expect(after.headers.get('location')).toBe('/login?redirectTo=%2Ft%2Fgenai')
		// The stale cookie is deleted rather than sent again and again.
		expect(after.headers.getSetCookie().join()).toMatch(/convene_session=;/)
	})
})

describe('CSRF', () => {
	test('a POST from another origin, or with no origin at all, is refused with 403', async () => {
		const body = new URLSearchParams({ email: 'writer@demo.test', password: 'demo-password' })
		const headers = { 'Content-Type': 'application/x-www-form-urlencoded' }
		const foreign = await fetch(`${server.origin}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...headers, Origin: 'https://evil.example' },
			body,
		})
		expect(foreign.status).toBe(403)
		expect(sessionCookieFrom(foreign)).toBeNull()
		const none = await fetch(`${server.origin}/login`, { method: 'POST', redirect: 'manual', headers, body })
		expect(none.status).toBe(403)
		const viaReferer = await fetch(`${server.origin}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...headers, Referer: `${server.origin}/login` },
			body,
		})
		expect(viaReferer.status).toBe(303)
	})
})

describe('changing a password', () => {
	test('signs out every other session and keeps this one', async () => {
		const here = await signIn(server.origin, 'outsider@demo.test')
		const elsewhere = await signIn(server.origin, 'outsider@demo.test')
		const change = await postForm(
			server.origin,
			'/account',
			{
				intent: 'password',
				currentPassword: 'demo-password',
				newPassword: 'copper-kettle-harbor-41',
				confirmPassword: 'copper-kettle-harbor-41',
			},
			here,
		)
		expect(change.status).toBe(200)
		expect(await change.text()).toContain('Your password is changed')
		expect((await get(server.origin, '/account', here)).status).toBe(200)
		expect((await get(server.origin, '/account', elsewhere)).status).toBe(302)
		await expect(signIn(server.origin, 'outsider@demo.test', 'copper-kettle-harbor-41')).resolves.toBeTruthy()
		expect(
			(await postForm(server.origin, '/login', { email: 'outsider@demo.test', password: 'demo-password' }))
				.status,
		).toBe(400)
	})

	test('a common or short new password is refused with a reason', async () => {
		const cookie = await signIn(server.origin, 'lead@demo.test')
		const weak = await postForm(
			server.origin,
			'/account',
			{
				intent: 'password',
				currentPassword: 'demo-password',
				newPassword: '1q2w3e4r5t6y',
				confirmPassword: '1q2w3e4r5t6y',
			},
			cookie,
		)
		expect(weak.status).toBe(400)
		expect(await weak.text()).toContain('commonly used passwords')
	})
})

describe('disabled accounts', () => {
	test('an admin disabling an account ends its sessions and stops its sign-in', async () => {
		const observer = await signIn(server.origin, 'observer@demo.test')
		const admin = await signIn(server.origin, 'admin@demo.test')
		const page = await (await get(server.origin, '/admin', admin)).text()
		const userId = page.match(
			/name="userId" value="([a-z2-7]{16})"[^>]*>\s*<button[^>]*aria-label="Disable Olivia Grant"/,
		)?.[1]
		expect(userId).toBeDefined()
		const disable = await postForm(
			server.origin,
			'/admin',
			{ intent: 'disable', userId: userId ?? '' },
			admin,
		)
		expect(disable.status).toBe(200)
		expect((await get(server.origin, '/t/genai', observer)).status).toBe(302)
		const retry = await postForm(server.origin, '/login', {
			email: 'observer@demo.test',
			password: 'demo-password',
		})
		expect(retry.status).toBe(400)
		expect(await retry.text()).toContain('Email or password is incorrect.')
		await postForm(server.origin, '/admin', { intent: 'enable', userId: userId ?? '' }, admin)
		await expect(signIn(server.origin, 'observer@demo.test')).resolves.toBeTruthy()
	})

	test('only instance admins reach the admin page', async () => {
		const cochair = await signIn(server.origin, 'cochair@demo.test')
		expect((await get(server.origin, '/admin', cochair)).status).toBe(403)
	})
})

describe('roles', () => {
	test('an observer can read every page but change nothing', async () => {
		const observer = await signIn(server.origin, 'observer@demo.test')
		for (const path of ['/t/genai', '/t/genai/members', '/t/genai/assignments', '/t/genai/timeline']) {
			expect((await get(server.origin, path, observer)).status, path).toBe(200)
		}
		const invite = await postForm(
			server.origin,
			'/t/genai/members',
			{ intent: 'invite', email: 'someone@example.gov', role: 'member' },
			observer,
		)
		expect(invite.status).toBe(403)
		expect(await (await get(server.origin, '/t/genai/members', observer)).text()).not.toContain(
			'Invite someone',
		)
	})
})

test('failed sign-ins are limited per account: the sixth try answers 429 with Retry-After, even with the right password', async () => {
	const limited = await startServer()
	try {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const response = await postForm(limited.origin, '/login', {
				email: 'writer@demo.test',
				password: `wrong-${attempt}`,
			})
			expect(response.status, `attempt ${attempt}`).toBe(400)
		}
		const blocked = await postForm(limited.origin, '/login', {
			email: 'writer@demo.test',
			password: 'demo-password',
		})
		expect(blocked.status).toBe(429)
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800)
		expect(sessionCookieFrom(blocked)).toBeNull()
		expect(await blocked.text()).toContain('Too many sign-in attempts')
		// Another account from the same address is not locked out by this one.
		await expect(signIn(limited.origin, 'writer2@demo.test')).resolves.toBeTruthy()
	} finally {
		await limited.stop()
	}
})

test('a successful sign-in clears the account counter', async () => {
	const limited = await startServer()
	try {
		const fail = () =>
			postForm(limited.origin, '/login', { email: 'lead@demo.test', password: 'wrong-password' })
		for (let attempt = 0; attempt < 4; attempt++) expect((await fail()).status).toBe(400)
		await signIn(limited.origin, 'lead@demo.test')
		for (let attempt = 0; attempt < 4; attempt++) expect((await fail()).status).toBe(400)
		await expect(signIn(limited.origin, 'lead@demo.test')).resolves.toBeTruthy()
	} finally {
		await limited.stop()
	}
})
