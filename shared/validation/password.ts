/** Password rules shared by the sign-up forms, the server and the seed. */
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
