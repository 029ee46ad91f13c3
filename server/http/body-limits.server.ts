import { matchRoutes } from 'react-router'

const KiB = 1024

/**
 * The largest request body each route accepts, in bytes, with the largest legitimate form behind
 * each number. Every form of ours is URL-encoded, where one character (one UTF-16 unit, as the
 * schemas' `max` counts it) takes at most 9 bytes: 3 UTF-8 bytes, each sent as `%XX`. So a field of
 * N characters needs up to 9·N bytes; each limit is that sum for the route's largest form, rounded
 * up to a power of two. `tests/server/http/body-limits.test.ts` recomputes the sums from
 * `shared/validation/`, and checks that every route with an action is listed here.
 *
 * Patterns are those of `app/routes.ts`; anything else (pages without an action, the catch-all)
 * gets the default.
 */
export const BODY_LIMITS = {
	// email (≤ 254) + password (≤ 256) + redirectTo (a path of ours, ≤ 300): ≤ 7.3 KB.
	'/login': 8 * KiB,
	// An empty form.
	'/logout': 1 * KiB,
	// Password change: current + new + confirmation (≤ 256 each): ≤ 7.1 KB.
	'/account': 16 * KiB,
	// Marking one notification read (intent + its id), or all of them.
	'/inbox': 1 * KiB,
	// Name (120), title (120), new organization (160), password and confirmation (256 each): ≤ 8.7 KB.
	'/invite/:token': 16 * KiB,
	// intent + account id.
	'/admin': 1 * KiB,
	// One-click unsubscribe: `List-Unsubscribe=One-Click` (RFC 8058), or the page's empty form.
	'/unsubscribe/:token/:kind': 1 * KiB,
	// The board's "Move to…": intent, assignment id, from, status.
	'/t/:slug/assignments': 1 * KiB,
	// Title (200) + details (10,000) + blocked reason (1,000) + ids, phase, date, status: ≤ 101 KB.
	'/t/:slug/assignments/new': 128 * KiB,
	'/t/:slug/assignments/:assignmentId': 128 * KiB,
	// Advancing with a reason (1,000); a milestone (title 200) or a waiver (reason 500) is less: ≤ 9.3 KB.
	'/t/:slug/settings/phases': 16 * KiB,
	// A section's status note (2,000) or title (200) and details, counted together: ≤ 20.3 KB.
	'/t/:slug/documents/:documentId': 32 * KiB,
	// Publishing: a reason past an unmet gate (2,000) and a correction's change note (2,000): ≤ 36.1 KB.
	'/t/:slug/documents/:documentId/read': 64 * KiB,
	// A subcommittee's name (120) and charge (4,000): ≤ 37.2 KB.
	'/t/:slug/subcommittees': 64 * KiB,
	'/t/:slug/subcommittees/:subcommitteeId': 64 * KiB,
	// An invitation: email (254), role, subcommittee id: ≤ 2.7 KB.
	'/t/:slug/members': 4 * KiB,
	// The version id to restore.
	'/t/:slug/sections/:sectionId/versions': 1 * KiB,
	// A comment (10,000) on a passage (2,000) with up to 20 mentions: ≤ 111 KB.
	'/t/:slug/sections/:sectionId': 128 * KiB,
} as const satisfies Record<string, number>

/** Pages without an action read no body at all; a small one is let through rather than refused. */
export const DEFAULT_BODY_LIMIT = 1 * KiB

export type BodyLimit = { pattern: string | null; bytes: number }

const routes = Object.keys(BODY_LIMITS).map((path) => ({ path, id: path }))

/**
 * The pathname React Router resolves a request to: a client-side submission goes to
 * `<path>.data` (`/_root.data` for `/`) and reaches the same action as the page's own address.
 */
function routePath(pathname: string): string {
	if (pathname === '/_root.data') return '/'
	return pathname.endsWith('.data') ? pathname.slice(0, -'.data'.length) : pathname
}

/** The limit for a request's pathname, with the pattern it came from (null for the default). */
export function bodyLimitFor(pathname: string): BodyLimit {
	const path = routePath(pathname)
	// matchRoutes decodes the path itself; one that cannot be decoded reaches no route of ours.
	if (!isDecodable(path)) return { pattern: null, bytes: DEFAULT_BODY_LIMIT }
	const match = matchRoutes(routes, path)?.at(-1)?.route.path
	if (match && match in BODY_LIMITS) {
		return { pattern: match, bytes: BODY_LIMITS[match as keyof typeof BODY_LIMITS] }
	}
	return { pattern: null, bytes: DEFAULT_BODY_LIMIT }
}

function isDecodable(path: string): boolean {
	try {
		decodeURIComponent(path)
		return true
	} catch {
		return false
	}
}

/** The one body type our forms send. Anything else is refused with 415 before it is read. */
export const ACCEPTED_BODY_TYPE = 'application/x-www-form-urlencoded'
