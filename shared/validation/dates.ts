import { z } from 'zod'
import { isIsoDate } from '../dates.ts'

/** What a person reads when a date field holds something no calendar has (2027-13-45, 0000-00-00). */
const NOT_A_DATE = 'Enter a real date, like 2027-04-20.'

/**
 * A required calendar date from a form: trimmed, a real `YYYY-MM-DD`. Every form and filter that
 * reads a date goes through this schema or `optionalDateSchema`, so an impossible date is a field
 * error (400), never an exception.
 */
export function dateSchema(missing = 'Enter a date.', invalid = NOT_A_DATE) {
	return z.string({ error: missing }).trim().min(1, missing).refine(isIsoDate, invalid)
}

/** An optional calendar date: empty or missing is `null`, anything else must be a real date. */
export function optionalDateSchema(invalid = NOT_A_DATE) {
	return z
		.string()
		.trim()
		.optional()
		.refine((value) => !value || isIsoDate(value), invalid)
		.transform((value) => value || null)
}
