/** The session cookie's name: part of the contracts in docs/design/contracts.md. */
export const SESSION_COOKIE = 'convene_session'

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
	if (!header) return null
	for (const part of header.split(';')) {
		const [key, ...value] = part.trim().split('=')
		if (key === name) {
			try {
				return decodeURIComponent(value.join('='))
			} catch {
				return null
			}
		}
	}
	return null
}

/**
 * The Set-Cookie value for a session token. HttpOnly keeps it from scripts, SameSite=Lax from
 * cross-site posts, Secure when we are served over https.
 */
export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
	return [
		`${SESSION_COOKIE}=${token}`,
		'HttpOnly',
		'SameSite=Lax',
		'Path=/',
		`Expires=${new Date(expiresAt).toUTCString()}`,
		...(secure ? ['Secure'] : []),
	].join('; ')
}

/** The Set-Cookie value that deletes the session cookie. */
export function deleteSessionCookie(secure: boolean): string {
	return [
		`${SESSION_COOKIE}=`,
		'HttpOnly',
		'SameSite=Lax',
		'Path=/',
		'Max-Age=0',
		...(secure ? ['Secure'] : []),
	].join('; ')
}
