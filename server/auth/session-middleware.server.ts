import type { MiddlewareFunction } from 'react-router'
import { getServices } from '../context.server.ts'
import { deleteSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookie.server.ts'
import { validateSessionToken } from './session.server.ts'
import { viewerContext } from './viewer.server.ts'

/** Whether cookies must carry `Secure`: our public origin, or this request, is https. */
export function isSecureRequest(request: Request, publicOrigin: string | undefined): boolean {
	return (publicOrigin ?? new URL(request.url).origin).startsWith('https:')
}

/**
 * Root middleware: validates the session cookie once per request and hands the person to every
 * loader and action through `viewerContext`. A stale cookie is deleted; a session past half its
 * life is extended and its cookie rewritten.
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
	const { db, config, now } = getServices(context)
	const token = readCookie(request.headers.get('Cookie'), SESSION_COOKIE)
	const validation = token ? validateSessionToken(db, token, now().getTime()) : null
	context.set(viewerContext, validation ? { ...validation.user, sessionId: validation.session.id } : null)
	const response = await next()
	const secure = isSecureRequest(request, config.publicOrigin)
	// An action may have signed in or out and set the cookie itself; its word wins.
	const setByRoute = response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
	if (token && !setByRoute) {
		if (!validation) response.headers.append('Set-Cookie', deleteSessionCookie(secure))
		else if (validation.fresh) {
			response.headers.append('Set-Cookie', sessionCookie(token, validation.session.expiresAt, secure))
		}
	}
	return response
}
