/**
 * HTTP answers for calendar feeds. Calendar programs poll these URLs on their own schedule and
 * cannot follow a sign-in redirect, so failures are short plain-text statuses, never pages.
 */

/** A feed: `text/calendar`, cacheable for five minutes by the subscriber only (it is personal). */
export function calendarResponse(body: string, filename: string): Response {
	return new Response(body, {
		status: 200,
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, max-age=300',
			'Content-Disposition': `inline; filename="${filename.replace(/[^\w.-]/g, '')}"`,
			// A subscription URL is a secret: search engines must not keep it even if it leaks.
			'X-Robots-Tag': 'noindex',
		},
	})
}

/** A failure a calendar program can show as it is: plain text, never cached. */
export function calendarFailure(status: 401 | 404, message: string): Response {
	return new Response(`${message}\n`, {
		status,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
	})
}
