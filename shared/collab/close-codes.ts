/**
 * WebSocket close codes of the collaboration server (4000–4999 are ours by RFC 6455). The editor
 * reads them to explain what happened instead of reconnecting forever.
 */
export const CLOSE_CODES = {
	/** Standard "Service Restart": the server is restarting; reconnect shortly. */
	RESTARTING: 1012,
	/**
	 * A malformed, truncated or unknown message, or presence for a client id another connection
	 * holds; nothing from it was stored or shown.
	 */
	MALFORMED: 4400,
	/** The session ended (signed out, expired, account disabled). */
	SIGNED_OUT: 4401,
	/** The person may no longer see this section (removed from the task force…). */
	ACCESS_CHANGED: 4403,
	/**
	 * The connection may only suggest, and sent a change to the accepted text (not a suggestion);
	 * nothing of it was stored or shown to anyone.
	 */
	SUGGESTIONS_ONLY: 4422,
	/** The section does not exist (any more). */
	NO_SUCH_SECTION: 4404,
	/** A message or the document would exceed the size limits. */
	TOO_LARGE: 4413,
	/** Too many messages, or too much sync work asked for, in too short a time. */
	RATE_LIMITED: 4429,
	/** This session or person already has as many sockets open as allowed (too many tabs). */
	TOO_MANY_SOCKETS: 4409,
	/** The connection could not keep up (send buffer full); reconnecting resyncs losslessly. */
	TOO_SLOW: 4408,
	/** The section could not be loaded; nothing was changed. */
	LOAD_FAILED: 4500,
} as const

/** Whether the editor should try again by itself after this close. */
export function shouldReconnect(code: number): boolean {
	return (
		code === CLOSE_CODES.RESTARTING ||
		code === CLOSE_CODES.TOO_SLOW ||
		code === CLOSE_CODES.RATE_LIMITED ||
		code < 4000 // network drops, 1006 and friends
	)
}

/** What to tell a person when the connection closes with `code`. */
export function explainClose(code: number): string {
	switch (code) {
		case CLOSE_CODES.RESTARTING:
			return 'The server is restarting. Reconnecting…'
		case CLOSE_CODES.SIGNED_OUT:
			return 'You are signed out. Sign in again to keep editing; your changes are kept on this device.'
		case CLOSE_CODES.ACCESS_CHANGED:
			return 'Your access to this section changed. Reload the page to see what you can do now.'
		case CLOSE_CODES.NO_SUCH_SECTION:
			return 'This section no longer exists.'
		case CLOSE_CODES.TOO_LARGE:
			return 'This change is too large to save. Split it into smaller pieces.'
		case CLOSE_CODES.MALFORMED:
			return 'The editor sent something the server could not read. Reload the page.'
		case CLOSE_CODES.SUGGESTIONS_ONLY:
			return 'You may suggest changes to this section, not change it directly, and that change was not a suggestion: it was not saved. Reload the page to go on suggesting.'
		case CLOSE_CODES.TOO_MANY_SOCKETS:
			return 'This section is open in too many tabs or windows. Close some of them, then reload this page.'
		case CLOSE_CODES.LOAD_FAILED:
			return 'The section could not be loaded. Nothing was changed; try again in a moment.'
		default:
			return 'Connection lost. Reconnecting…'
	}
}
