import { eq } from 'drizzle-orm'
import { users } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { Services } from '../context.server.ts'
import { verifyPassword } from './password.server.ts'
import { createSession, generateSessionToken, type Session } from './session.server.ts'

/** The one message for every failed sign-in: it must not tell which part was wrong. */
const SIGN_IN_FAILED = 'Email or password is incorrect.'

export type SignInResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; status: 400; message: string }
	| { ok: false; status: 429; message: string; retryAfterSeconds: number }

function tooManyAttempts(retryAfterMs: number): SignInResult {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
	const minutes = Math.ceil(seconds / 60)
	const wait =
		seconds < 60
			? `${seconds} second${seconds === 1 ? '' : 's'}`
			: `${minutes} minute${minutes === 1 ? '' : 's'}`
	return {
		ok: false,
		status: 429,
		retryAfterSeconds: seconds,
		message: `Too many sign-in attempts. Please wait ${wait} and try again.`,
	}
}

/**
 * Checks an email and password and, when they match an enabled account, opens a session.
 * Unknown emails, wrong passwords and disabled accounts fail alike, in the same time, with the
 * same message. Too many failures (see login-throttle.server.ts) answer 429 before any check.
 */
export async function signIn(
	services: Pick<Services, 'db' | 'loginThrottle' | 'now'>,
	input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
	const { db, loginThrottle } = services
	const email = input.email.trim().toLowerCase()
	// Reserved before the hash is checked, so simultaneous requests cannot all slip under the limit.
	const reservation = loginThrottle.reserve(email, input.ip)
	if (!reservation.ok) return tooManyAttempts(reservation.retryAfterMs)
	const { attempt } = reservation
	const user = db
		.select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
		.from(users)
		.where(eq(users.email, email))
		.get()
	const matches = await verifyPassword(user?.passwordHash ?? null, input.password)
	const now = services.now().getTime()
	if (!user || !matches || user.disabledAt !== null) {
		attempt.failed()
		recordActivity(
			db,
			{
				actorId: user?.id ?? null,
				verb: 'auth.sign_in_failed',
				subjectType: 'user',
				subjectId: user?.id ?? null,
				data: {
					email,
					ip: input.ip,
					reason: !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password',
				},
			},
			now,
		)
		return { ok: false, status: 400, message: SIGN_IN_FAILED }
	}
	attempt.succeeded()
	const token = generateSessionToken()
	const session = createSession(db, token, user.id, now)
	recordActivity(
		db,
		{
			actorId: user.id,
			verb: 'auth.signed_in',
			subjectType: 'user',
			subjectId: user.id,
			data: { ip: input.ip },
		},
		now,
	)
	return { ok: true, token, session }
}

const PARSE_BASE = 'http://convene.invalid'

/**
 * Where to go after signing in: a path on this site only. The target is parsed and normalised the
 * way a browser would (dot segments folded, tabs and newlines dropped, `\\` read as `/`), and the
 * result must still be a path on this site when read again: `/.//evil.test` normalises to
 * `//evil.test`, which a browser takes for another host. Anything else becomes `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || !to.startsWith('/')) return fallback
	let path: string
	try {
		const url = new URL(to, PARSE_BASE)
		if (url.origin !== PARSE_BASE) return fallback
		path = `${url.pathname}${url.search}${url.hash}`
	} catch {
		return fallback
	}
	if (!isSameSitePath(path)) return fallback
	return path
}

/** A path that stays on the site when a browser reads it as a Location: one leading `/`, no host. */
function isSameSitePath(path: string): boolean {
	if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false
	try {
		const again = new URL(path, PARSE_BASE)
		return again.origin === PARSE_BASE && `${again.pathname}${again.search}${again.hash}` === path
	} catch {
		return false
	}
}
