/**
 * A small iCalendar (RFC 5545) writer for what Convene publishes: all-day events only. All-day
 * events are `DATE` values, which calendar programs place on the same day in every time zone, so
 * no `VTIMEZONE` is needed — the reason Outlook and Google import these feeds without complaint.
 */

/** One all-day event. Dates are `YYYY-MM-DD`; `endsOn` is the last day (inclusive). */
export type IcsEvent = {
	/** Stable across feeds and edits: calendar programs update the event with this id in place. */
	uid: string
	summary: string
	description?: string
	startsOn: string
	/** The last day of the event; defaults to `startsOn` (a one-day event). */
	endsOn?: string
	/** Increases whenever the item changes (the row's `revision`). */
	sequence: number
	status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
	categories?: string[]
	url?: string
}

export type IcsCalendar = {
	/** Shown by calendar programs as the subscribed calendar's name. */
	name: string
	description?: string
	/** When this copy was produced: every event's `DTSTAMP`. */
	stamp: Date
	events: IcsEvent[]
}

const PRODUCT_ID = '-//Convene//Task force calendar//EN'

/** Lines are at most 75 octets before their line break (RFC 5545 §3.1). */
const MAX_LINE_OCTETS = 75
const encoder = new TextEncoder()

/**
 * Escapes a TEXT value (§3.3.11): backslash, semicolon and comma get a backslash; every kind of
 * line break becomes `\n`. Other control characters are not allowed in TEXT, so they are dropped.
 */
export function escapeText(value: string): string {
	return (
		value
			.replace(/\r\n?/g, '\n')
			// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
			.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\n/g, '\\n')
	)
}

/**
 * Folds one content line into pieces of at most 75 octets, each continuation starting with a
 * space (§3.1). Counts UTF-8 bytes and cuts only between code points, so a multi-byte character
 * (é, 東, an emoji) is never split across lines.
 */
export function foldLine(line: string): string {
	const pieces: string[] = []
	let current = ''
	let octets = 0
	// The first line has 75 octets to fill; continuations lose one to their leading space.
	let limit = MAX_LINE_OCTETS
	for (const character of line) {
		const size = encoder.encode(character).length
		if (octets + size > limit) {
			pieces.push(current)
			current = ''
			octets = 0
			limit = MAX_LINE_OCTETS - 1
		}
		current += character
		octets += size
	}
	pieces.push(current)
	return pieces.join('\r\n ')
}

/** `2027-04-27` → `20270427`, the form of a `DATE` value. */
export function formatIcsDate(date: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a calendar date: ${date}`)
	return date.replaceAll('-', '')
}

/** An instant as a UTC `DATE-TIME`: `20261128T120000Z`. */
function formatIcsDateTime(at: Date): string {
	return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}

/** The day after `date`: `DTEND` of an all-day event is exclusive. */
function nextDay(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

function eventLines(event: IcsEvent, stamp: string): string[] {
	const lines = [
		'BEGIN:VEVENT',
		`UID:${escapeText(event.uid)}`,
		`DTSTAMP:${stamp}`,
		`DTSTART;VALUE=DATE:${formatIcsDate(event.startsOn)}`,
		`DTEND;VALUE=DATE:${formatIcsDate(nextDay(event.endsOn ?? event.startsOn))}`,
		`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
		`SUMMARY:${escapeText(event.summary)}`,
	]
	if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`)
	if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`)
	// URI values are not TEXT: no escaping, but a stray line break must never end the property.
	if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`)
	lines.push(
		`STATUS:${event.status ?? 'CONFIRMED'}`,
		// Deadlines and phases are not meetings: they must not make the person look busy.
		'TRANSP:TRANSPARENT',
		'END:VEVENT',
	)
	return lines
}

/**
 * The whole `VCALENDAR` as text: CRLF after every line (the last included), long lines folded,
 * one `VEVENT` per item.
 */
export function serializeCalendar(calendar: IcsCalendar): string {
	const stamp = formatIcsDateTime(calendar.stamp)
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${PRODUCT_ID}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(calendar.name)}`,
	]
	if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`)
	// Hints (RFC 7986 and Outlook's own) for how often a subscriber should look again.
	lines.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H')
	for (const event of calendar.events) lines.push(...eventLines(event, stamp))
	lines.push('END:VCALENDAR')
	return `${lines.map(foldLine).join('\r\n')}\r\n`
}
