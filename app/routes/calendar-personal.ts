import { personalCalendarForToken } from '#server/calendar/feed.server.ts'
import { calendarFailure, calendarResponse } from '#server/calendar/response.server.ts'
import { tokenFromFeedFile } from '#server/calendar/subscriptions.server.ts'
import { getServices } from '#server/context.server.ts'
import type { Route } from './+types/calendar-personal'

/**
 * A personal calendar subscription, `/calendar/<token>.ics`: the token is the only credential
 * (calendar programs send no cookies). Unknown, malformed and revoked tokens all answer the same
 * 404, so the answer reveals nothing about which tokens ever existed.
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, config, now } = getServices(context)
	const token = tokenFromFeedFile(params.file)
	const origin = config.publicOrigin ?? new URL(request.url).origin
	const body = token ? personalCalendarForToken(db, token, { origin, now: now() }) : null
	if (body === null)
		return calendarFailure(404, 'No such calendar. The link may have been replaced or revoked.')
	return calendarResponse(body, 'convene.ics')
}
