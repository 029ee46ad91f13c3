/**
 * Calendar dates are ISO `YYYY-MM-DD` strings in the task force's time zone. Arithmetic on them is
 * done at UTC noon-free midnight so daylight-saving changes never shift a day.
 */

const DAY_MS = 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * A cached Intl.DateTimeFormat: building one costs far more than using it, and pages format
 * hundreds of dates (the bench's profile found 15 % of a dashboard render here).
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`
	let cached = formatters.get(key)
	if (!cached) {
		cached = new Intl.DateTimeFormat(locale, options)
		formatters.set(key, cached)
	}
	return cached
}

/**
 * True for a real calendar date written `YYYY-MM-DD`, year 0001 or later: false (never a throw) for
 * 2026-02-30, 2027-13-45 or 0000-00-00. `Date` turns an impossible month or day into an invalid
 * date, whose `toISOString()` throws, so the time is checked before it is formatted.
 */
export function isIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false
	const time = Date.parse(`${value}T00:00:00Z`)
	if (Number.isNaN(time)) return false
	return new Date(time).toISOString().slice(0, 10) === value && value >= '0001-01-01'
}

function toUtc(date: string): number {
	return Date.parse(`${date}T00:00:00Z`)
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
	return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to`; positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
	return Math.round((toUtc(to) - toUtc(from)) / DAY_MS)
}

/** Today's date as people in `timeZone` see it at instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
	// en-CA formats as YYYY-MM-DD.
	return formatter('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now)
}

/** "Mon, Apr 20, 2027" style, for people. */
export function formatDate(date: string, options: { weekday?: boolean } = {}): string {
	return formatter('en-US', {
		timeZone: 'UTC',
		weekday: options.weekday ? 'short' : undefined,
		month: 'short',
		day: 'numeric',
		year: 'numeric',
	}).format(new Date(toUtc(date)))
}

/** "6 December 2026": the day an instant falls on in `timeZone`, in words (an edition's date). */
export function formatLongDay(at: number, timeZone: string): string {
	return formatter('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(at)
}

/** "Apr 20" without the year, for compact ranges in the same year. */
export function formatShortDate(date: string): string {
	return formatter('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(toUtc(date)))
}

/** "Mar 3, 2026, 2:15 PM EST" for an instant (ms since the epoch), as people in `timeZone` see it. */
export function formatDateTime(at: number, timeZone: string): string {
	return formatter('en-US', {
		timeZone,
		month: 'short',
		day: 'numeric',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short',
	}).format(new Date(at))
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
	['year', 365 * DAY_MS],
	['month', 30 * DAY_MS],
	['week', 7 * DAY_MS],
	['day', DAY_MS],
	['hour', 3_600_000],
	['minute', 60_000],
]

/** "3 hours ago", "yesterday", "in 2 weeks": instant `at` relative to `now` (both ms), in its largest whole unit. */
const relativeTime = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' })

export function formatRelativeTime(at: number, now: number): string {
	const elapsed = at - now
	const format = relativeTime
	for (const [unit, size] of RELATIVE_UNITS) {
		if (Math.abs(elapsed) >= size) return format.format(Math.trunc(elapsed / size), unit)
	}
	return 'just now'
}

/**
 * The instant (ms) at which `date` begins in `timeZone`. Found from the zone's UTC offset at that
 * date, checked once more after applying it so a day that starts on a daylight-saving change lands
 * right.
 */
export function startOfDayIn(date: string, timeZone: string): number {
	const offsetAt = (instant: number) => {
		const name =
			formatter('en-US', { timeZone, timeZoneName: 'longOffset' })
				.formatToParts(new Date(instant))
				.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
		const match = name.match(/GMT([+-])(\d{2}):(\d{2})/)
		if (!match) return 0
		const minutes = Number(match[2]) * 60 + Number(match[3])
		return (match[1] === '-' ? -1 : 1) * minutes * 60_000
	}
	const utcMidnight = toUtc(date)
	let guess = utcMidnight - offsetAt(utcMidnight)
	guess = utcMidnight - offsetAt(guess)
	return guess
}
