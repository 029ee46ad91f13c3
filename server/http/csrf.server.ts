import type { RequestHandler } from 'express'
import { ownOrigin } from './origin.server.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * One-click unsubscribe (RFC 8058): a mail provider POSTs `List-Unsubscribe=One-Click` to the
 * link in an email's `List-Unsubscribe` header from its own servers, with no Origin of ours. The
 * secret token in the path is the credential, not a session cookie, so a forged cross-site post
 * gains nothing: whoever holds the link may already turn that kind of email off. The `.data` form
 * is the same action submitted from the page itself.
 */
const UNSUBSCRIBE_PATH = /^\/unsubscribe\/[^/]+\/[^/]+(?:\.data)?$/

function originOf(value: string | undefined): string | null {
	if (!value) return null
	try {
		return new URL(value).origin
	} catch {
		return null
	}
}

/**
 * Refuses (403) every state-changing request that does not come from one of our own pages: its
 * `Origin` — or, when a browser omits it, its `Referer` — must be our own origin. Browsers send
 * one of them on every form post; a request with neither is refused too. The one exception is the
 * one-click unsubscribe link, below.
 */
export function csrfProtection(publicOrigin: string | undefined): RequestHandler {
	return (req, res, next) => {
		if (SAFE_METHODS.has(req.method)) return next()
		if (req.method === 'POST' && UNSUBSCRIBE_PATH.test(req.path)) return next()
		const origin = originOf(req.headers.origin) ?? originOf(req.headers.referer)
		if (origin && origin === ownOrigin(req, publicOrigin)) return next()
		res
			.status(403)
			.type('text/plain')
			.send('This request did not come from a Convene page, so it was refused.')
	}
}
