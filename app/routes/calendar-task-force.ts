import { getViewer } from '#server/auth/viewer.server.ts'
import { buildTaskForceCalendar } from '#server/calendar/feed.server.ts'
import { calendarFailure, calendarResponse } from '#server/calendar/response.server.ts'
import { getServices } from '#server/context.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import type { Route } from './+types/calendar-task-force'

/**
 * The task force's calendar for a signed-in member: phases, milestones, publication and the
 * member's own assignments. Signed out answers 401 instead of the usual redirect to sign in,
 * because a calendar program cannot follow it; a non-member gets 404 like every other page.
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
	if (!getViewer(context)) {
		return calendarFailure(
			401,
			'Sign in to Convene to download this calendar. To subscribe from a calendar program, create a personal link on your account page.',
		)
	}
	const { viewer, taskForce } = requireTaskForceAccess(context, request, params.slug)
	const { db, config, now } = getServices(context)
	const origin = config.publicOrigin ?? new URL(request.url).origin
	const body = buildTaskForceCalendar(db, taskForce, viewer.id, { origin, now: now() })
	return calendarResponse(body, `${taskForce.slug}.ics`)
}
