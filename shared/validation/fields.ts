import { z } from 'zod'

/** An email address as accounts store it: trimmed and lower-cased (the `users` CHECK insists). */
export const EmailSchema = z
	.string({ error: 'Enter an email address.' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Enter an email address like name@city.gov.' }))

/** A person's or a task force's name. */
export function nameSchema(max: number, missing = 'Enter a name.') {
	return z.string({ error: missing }).trim().min(1, missing).max(max, `Use at most ${max} characters.`)
}
