import type { z } from 'zod'

/**
 * What an admin operation did. `invalid`: the input itself is malformed (the command line must be
 * corrected; exit 2). `refused`: well-formed, but the rules or the database say no (exit 1).
 * Either way nothing was written.
 */
export type Outcome<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid' | 'refused'; field?: string; message: string }

export type Failure = Extract<Outcome<unknown>, { ok: false }>

/** The first problem zod found, as an `invalid` outcome naming its field. */
export function invalidInput(error: z.ZodError): Failure {
	const issue = error.issues[0]
	return {
		ok: false,
		reason: 'invalid',
		field: issue?.path.join('.'),
		message: issue?.message ?? 'Invalid input.',
	}
}

export function refused(message: string, field?: string): Failure {
	return { ok: false, reason: 'refused', field, message }
}
