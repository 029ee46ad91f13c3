import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import routes from '#app/routes.ts'
import { BODY_LIMITS, bodyLimitFor, DEFAULT_BODY_LIMIT } from '#server/http/body-limits.server.ts'
import {
	ASSIGNMENT_DETAILS_MAX,
	ASSIGNMENT_TITLE_MAX,
	BLOCKED_REASON_MAX,
} from '#shared/validation/assignments.ts'
import { COMMENT_BODY_MAX, MENTIONS_MAX, THREAD_QUOTE_MAX } from '#shared/validation/comments.ts'
import { WAIVE_REASON_MAX } from '#shared/validation/milestones.ts'
import { PASSWORD_MAX_LENGTH } from '#shared/validation/password.ts'
import { OVERRIDE_REASON_MAX } from '#shared/validation/phases.ts'
import { PUBLISH_TEXT_MAX } from '#shared/validation/publication.ts'
import { SECTION_TITLE_MAX, STATUS_NOTE_MAX } from '#shared/validation/sections.ts'
import { SUBCOMMITTEE_CHARGE_MAX, SUBCOMMITTEE_NAME_MAX } from '#shared/validation/subcommittees.ts'

type RouteEntry = { path?: string; index?: boolean; file: string; children?: RouteEntry[] }

/** Every route of app/routes.ts with its URL pattern and module file. */
function flatten(entries: RouteEntry[], parent = ''): Array<{ pattern: string; file: string }> {
	return entries.flatMap((entry) => {
		const pattern = entry.index ? parent || '/' : `${parent}/${entry.path ?? ''}`.replace(/\/+/g, '/')
		return [{ pattern, file: entry.file }, ...(entry.children ? flatten(entry.children, pattern) : [])]
	})
}

const ROOT = path.resolve(import.meta.dirname, '../../..')
const all = flatten(routes as RouteEntry[])
const withAction = all.filter(({ file }) =>
	/export (async )?function action\b|export const action\b/.test(
		readFileSync(path.join(ROOT, 'app', file), 'utf8'),
	),
)

test('every route with an action has its own body limit, and every limit belongs to a route', () => {
	expect(withAction.length).toBeGreaterThan(10)
	const unlisted = withAction.map(({ pattern }) => pattern).filter((pattern) => !(pattern in BODY_LIMITS))
	expect(unlisted).toEqual([])
	const patterns = new Set(all.map(({ pattern }) => pattern))
	expect(Object.keys(BODY_LIMITS).filter((pattern) => !patterns.has(pattern))).toEqual([])
})

// ---------------------------------------------------------------------------------------------
// The largest legitimate form of each route, as field name → most characters a person may send.

/** An email address is at most 254 characters (RFC 5321's path limit less the brackets). */
const EMAIL = 254
/** An id of ours: 16 characters of base32. */
const ID = 16
/** A path of ours to return to after signing in, filters included. */
const REDIRECT_PATH = 300
/** Names, titles and organization names on the account and invitation forms. */
const PROFILE = {
	name: 120,
	title: 120,
	newOrganizationName: 160,
	newOrganizationSector: 20,
	organizationId: ID,
}

const LARGEST_FORMS: Record<keyof typeof BODY_LIMITS, Record<string, number>> = {
	'/login': { email: EMAIL, password: PASSWORD_MAX_LENGTH, redirectTo: REDIRECT_PATH },
	'/logout': {},
	'/account': {
		intent: 8,
		currentPassword: PASSWORD_MAX_LENGTH,
		newPassword: PASSWORD_MAX_LENGTH,
		confirmPassword: PASSWORD_MAX_LENGTH,
	},
	'/inbox': { intent: 8, id: ID },
	'/invite/:token': { ...PROFILE, password: PASSWORD_MAX_LENGTH, confirmPassword: PASSWORD_MAX_LENGTH },
	'/admin': { intent: 7, userId: ID },
	'/unsubscribe/:token/:kind': { 'List-Unsubscribe': 10 },
	'/t/:slug/assignments': { intent: 4, assignmentId: ID, from: 11, status: 11 },
	'/t/:slug/assignments/new': assignmentForm(),
	'/t/:slug/assignments/:assignmentId': assignmentForm(),
	'/t/:slug/settings/phases': { intent: 7, from: 10, reason: OVERRIDE_REASON_MAX, confirmPublish: 2 },
	'/t/:slug/documents/:documentId': {
		intent: 6,
		sectionId: ID,
		from: 11,
		to: 11,
		note: STATUS_NOTE_MAX,
		title: SECTION_TITLE_MAX,
	},
	'/t/:slug/documents/:documentId/read': {
		intent: 11,
		reason: PUBLISH_TEXT_MAX,
		changeNote: PUBLISH_TEXT_MAX,
		open: 2,
	},
	'/t/:slug/subcommittees': { intent: 6, name: SUBCOMMITTEE_NAME_MAX, charge: SUBCOMMITTEE_CHARGE_MAX },
	'/t/:slug/subcommittees/:subcommitteeId': {
		intent: 7,
		name: SUBCOMMITTEE_NAME_MAX,
		charge: SUBCOMMITTEE_CHARGE_MAX,
	},
	'/t/:slug/members': { intent: 6, email: EMAIL, role: 17, subcommitteeId: ID },
	'/t/:slug/sections/:sectionId/versions': { versionId: ID },
	'/t/:slug/sections/:sectionId': {
		intent: 15,
		threadId: ID,
		quote: THREAD_QUOTE_MAX,
		body: COMMENT_BODY_MAX,
		// Each mention is its own `mentionIds` field.
		...Object.fromEntries(Array.from({ length: MENTIONS_MAX }, (_, index) => [`mentionIds[${index}]`, ID])),
	},
}

function assignmentForm() {
	return {
		intent: 4,
		title: ASSIGNMENT_TITLE_MAX,
		details: ASSIGNMENT_DETAILS_MAX,
		blockedReason: BLOCKED_REASON_MAX,
		subcommitteeId: ID,
		sectionId: ID,
		assigneeId: ID,
		phaseKind: 10,
		dueOn: 10,
		status: 11,
		revision: 10,
	}
}

/**
 * The most bytes a URL-encoded form of these fields can take: each character (a UTF-16 unit, as
 * the schemas count) is at most 3 UTF-8 bytes, each sent as `%XX`.
 */
function worstCaseBytes(fields: Record<string, number>): number {
	return Object.entries(fields).reduce((sum, [name, characters]) => sum + name.length + 2 + 9 * characters, 0)
}

test('each limit holds its route’s largest legitimate form, with no more than four times its room', () => {
	const bad: string[] = []
	for (const [pattern, fields] of Object.entries(LARGEST_FORMS)) {
		const limit = BODY_LIMITS[pattern as keyof typeof BODY_LIMITS]
		const largest = worstCaseBytes(fields)
		if (largest > limit) bad.push(`${pattern}: the largest form is ${largest} bytes, over ${limit}`)
		if (limit > DEFAULT_BODY_LIMIT && limit > 4 * largest)
			bad.push(`${pattern}: ${limit} bytes is over four times its largest form (${largest})`)
	}
	expect(bad).toEqual([])
	// The waiver and milestone forms of the phases page are smaller than an advance with a reason.
	expect(WAIVE_REASON_MAX).toBeLessThan(OVERRIDE_REASON_MAX)
	// Sign-in stays a few kilobytes.
	expect(BODY_LIMITS['/login']).toBeLessThanOrEqual(8 * 1024)
})

test('a request finds its route’s limit the way React Router finds the route', () => {
	const cases: Array<[string, number]> = [
		['/login', BODY_LIMITS['/login']],
		['/login/', BODY_LIMITS['/login']],
		['/LOGIN', BODY_LIMITS['/login']],
		['/login.data', BODY_LIMITS['/login']],
		['/t/genai/assignments/new', BODY_LIMITS['/t/:slug/assignments/new']],
		['/t/genai/assignments/new.data', BODY_LIMITS['/t/:slug/assignments/new']],
		['/t/genai/assignments/abc', BODY_LIMITS['/t/:slug/assignments/:assignmentId']],
		['/t/genai/assignments', BODY_LIMITS['/t/:slug/assignments']],
		['/t/genai/sections/abc/versions.data', BODY_LIMITS['/t/:slug/sections/:sectionId/versions']],
		['/t/genai/sections/abc', BODY_LIMITS['/t/:slug/sections/:sectionId']],
		['/t/genai/timeline', DEFAULT_BODY_LIMIT],
		['/', DEFAULT_BODY_LIMIT],
		['/_root.data', DEFAULT_BODY_LIMIT],
		['/no/such/page', DEFAULT_BODY_LIMIT],
		['/%E0%A4%A', DEFAULT_BODY_LIMIT],
	]
	expect(cases.map(([pathname]) => [pathname, bodyLimitFor(pathname).bytes])).toEqual(cases)
})
