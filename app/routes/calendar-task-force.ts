import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import type { Route } from './+types/calendar-task-force'

// TODO(#4): the task force's iCalendar feed.
export function loader({ request, params, context }: Route.LoaderArgs) {
	requireTaskForceAccess(context, request, params.slug)
	throw new Response('Not Found', { status: 404 })
}
