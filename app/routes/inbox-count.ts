import { getViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { unreadCount } from '#server/notifications/inbox.server.ts'
import type { Route } from './+types/inbox-count'

/** `GET /inbox/count`: the header's unread count, asked for every 20 s; 401 when signed out. */
export function loader({ context }: Route.LoaderArgs) {
	const headers = { 'Cache-Control': 'no-store' }
	const viewer = getViewer(context)
	if (!viewer) return Response.json({ error: 'Sign in to see your inbox.' }, { status: 401, headers })
	return Response.json({ unread: unreadCount(getServices(context).db, viewer.id) }, { headers })
}
