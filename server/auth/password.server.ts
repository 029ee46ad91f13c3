import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'
import { ARGON2ID_OPTIONS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '#shared/validation/password.ts'

let common: Set<string> | undefined

/** zxcvbn-ts's list of ~49,000 passwords seen most often in breaches, loaded on first use. */
function commonPasswords(): Set<string> {
	common ??= new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()))
	return common
}

/**
 * Why a new password is not acceptable, in words a person can act on, or null when it is fine:
 * 12–256 characters, not a well-known password, not the email address.
 */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`
	if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
	const lower = password.toLowerCase()
	if (commonPasswords().has(lower) || /^(.)\1+$/.test(password)) {
		return 'This password is on lists of commonly used passwords. Choose a less predictable one.'
	}
	if (email && lower.includes(email.toLowerCase().split('@')[0] ?? email)) {
		return 'Choose a password that does not contain your email address.'
	}
	return null
}

/** An argon2id hash (OWASP parameters) in PHC string form. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2ID_OPTIONS)
}

// Verified against when no account matches, so a wrong email costs the same time as a wrong
// password and response times do not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined

/**
 * Whether `password` matches `passwordHash`. With a null hash (unknown email, or an account with
 * no password yet) it still does a full argon2 verification and returns false.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	if (passwordHash === null) {
		dummyHash ??= hashPassword('convene-timing-equaliser')
		await verify(await dummyHash, password).catch(() => false)
		return false
	}
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}
