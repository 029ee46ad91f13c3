import { createContext, type RouterContextProvider, redirect } from 'react-router'
import type { SessionUser } from './session.server.ts'

/** The signed-in person of this request, with the id of their session; null when signed out. */
export type Viewer = SessionUser & { sessionId: string }

export const viewerContext = createContext<Viewer | null>(null)

/** The signed-in person, or null. Set once per request by the root middleware. */
export function getViewer(context: Readonly<RouterContextProvider>): Viewer | null {
	return context.get(viewerContext)
}

/**
 * The signed-in person, or a redirect to the sign-in page that brings them back here afterwards.
 */
export function requireViewer(context: Readonly<RouterContextProvider>, request: Request): Viewer {
	const viewer = getViewer(context)
	if (viewer) return viewer
	const url = new URL(request.url)
	const back = `${url.pathname}${url.search}`
	throw redirect(back === '/' ? '/login' : `/login?${new URLSearchParams({ redirectTo: back })}`)
}

/** An instance administrator, or 403. */
export function requireAdmin(context: Readonly<RouterContextProvider>, request: Request): Viewer {
	const viewer = requireViewer(context, request)
	if (!viewer.isAdmin)
		throw new Response('Only instance administrators may do this.', { status: 403, statusText: 'Forbidden' })
	return viewer
}
