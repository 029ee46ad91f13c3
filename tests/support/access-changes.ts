import type { AccessChanges, AccessScope } from '#server/context.server.ts'

/**
 * What operations report to the live server when no server runs (database-only tests): the scopes
 * they asked to re-decide, in order, so a test can check that a change was reported.
 */
export function recordAccessChanges(): AccessChanges & { scopes: AccessScope[] } {
	const scopes: AccessScope[] = []
	return { scopes, accessChanged: (scope) => void scopes.push(scope) }
}
