import { z } from 'zod'

/** Password rules shared by the forms, the server and the seed. */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

/**
 * argon2id parameters from the OWASP Password Storage Cheat Sheet (m=19 MiB, t=2, p=1).
 * Changing them only affects new hashes; old ones keep their parameters in the encoded hash.
 */
export const ARGON2ID_OPTIONS = {
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32,
} as const

/** A new password as a form field; the server also refuses common ones. */
export const NewPasswordSchema = z
	.string({ error: 'Enter a password.' })
	.min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
	.max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
