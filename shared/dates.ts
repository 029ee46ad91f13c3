/**
 * Calendar dates are ISO `YYYY-MM-DD` strings in the task force's time zone. Arithmetic on them is
 * done at UTC noon-free midnight so daylight-saving changes never shift a day.
 */

const DAY_MS = 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false
	return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
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
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now)
}

/** "Mon, Apr 20, 2027" style, for people. */
export function formatDate(date: string, options: { weekday?: boolean } = {}): string {
	return new Intl.DateTimeFormat('en-US', {
		timeZone: 'UTC',
		weekday: options.weekday ? 'short' : undefined,
		month: 'short',
		day: 'numeric',
		year: 'numeric',
	}).format(new Date(toUtc(date)))
}

/** "Apr 20" without the year, for compact ranges in the same year. */
export function formatShortDate(date: string): string {
	return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(
		new Date(toUtc(date)),
	)
}
