import { expect, test } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from '#server/auth/password.server.ts'
import { safeRedirect } from '#server/auth/sign-in.server.ts'

test('a password needs 12 to 256 characters', () => {
	expect(passwordProblem('short-pass')).toMatch(/at least 12/)
	expect(passwordProblem(`${'x'.repeat(257)}ab`)).toMatch(/at most 256/)
	expect(passwordProblem('river-lantern-ballot-7')).toBeNull()
})

test('well-known passwords are refused even when long enough', () => {
	expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/commonly used/)
	expect(passwordProblem('QWERTY123456')).toMatch(/commonly used/)
	expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/commonly used/)
})

test('a password may not contain the email name', () => {
	expect(passwordProblem('dana.whitfield-2027', 'dana.whitfield@boston.gov')).toMatch(/email/)
})

test('hashes are argon2id and verify only the right password', async () => {
	const hash = await hashPassword('river-lantern-ballot-7')
	expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
	await expect(verifyPassword(hash, 'river-lantern-ballot-7')).resolves.toBe(true)
	await expect(verifyPassword(hash, 'river-lantern-ballot-8')).resolves.toBe(false)
})

test('an unknown account still costs a full verification and never matches', async () => {
	await expect(verifyPassword(null, 'anything-at-all')).resolves.toBe(false)
	await expect(verifyPassword('not-a-hash', 'anything-at-all')).resolves.toBe(false)
})

test('after sign-in only paths on this site are followed', () => {
	expect(safeRedirect('/t/genai/members?x=1')).toBe('/t/genai/members?x=1')
	for (const hostile of [
		'https://evil.example',
		'//evil.example',
		'/\\evil.example',
		'javascript:alert(1)',
		'',
		null,
	]) {
		expect(safeRedirect(hostile), String(hostile)).toBe('/')
	}
})
