import { redirect } from 'react-router'
import { recordActivity } from '#server/activity/record.server.ts'
import { deleteSessionCookie } from '#server/auth/cookie.server.ts'
import { invalidateSession } from '#server/auth/session.server.ts'
import { isSecureRequest } from '#server/auth/session-middleware.server.ts'
import { getViewer, requireViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import type { Route } from './+types/logout'

/** `POST /logout`: ends this session and deletes its cookie. */
export function action({ request, context }: Route.ActionArgs) {
	const { db, config, collab } = getServices(context)
	const viewer = getViewer(context)
	if (viewer) {
		invalidateSession(db, viewer.sessionId)
		// This session's open sockets close now (the person's other sessions keep theirs).
		collab.accessChanged({ userId: viewer.id })
		recordActivity(db, {
			actorId: viewer.id,
			verb: 'auth.signed_out',
			subjectType: 'user',
			subjectId: viewer.id,
		})
	}
	return redirect('/login', {
		status: 303,
		headers: { 'Set-Cookie': deleteSessionCookie(isSecureRequest(request, config.publicOrigin)) },
	})
}

/** Signing out is a POST (a link could be triggered by another site); a GET just goes home. */
export function loader({ request, context }: Route.LoaderArgs) {
	requireViewer(context, request)
	return redirect('/')
}
