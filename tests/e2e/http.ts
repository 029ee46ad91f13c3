/** Plain HTTP helpers for tests that talk to the real server the way a browser's form would. */

export const DEMO_PASSWORD = 'demo-password'

/** POSTs a form as a page of ours would (with our Origin), without following redirects. */
export function postForm(origin: string, path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${origin}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Origin: origin,
			...(cookie ? { Cookie: cookie } : {}),
		},
		body: new URLSearchParams(fields),
	})
}

/** GET without following redirects, optionally with a session cookie. */
export function get(origin: string, path: string, cookie?: string) {
	return fetch(`${origin}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} })
}

/** The `name=value` part of the session cookie a response sets, or null. */
export function sessionCookieFrom(response: Response): string | null {
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('convene_session='))
	return cookie ? (cookie.split(';')[0] ?? null) : null
}

/** Signs in through `POST /login` and returns the cookie to send. Throws if it does not work. */
export async function signIn(origin: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await postForm(origin, '/login', { email, password })
	const cookie = sessionCookieFrom(response)
	if (response.status !== 303 || !cookie)
		throw new Error(`sign-in as ${email} failed with ${response.status}`)
	return cookie
}
