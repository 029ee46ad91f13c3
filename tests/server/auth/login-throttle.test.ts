import { expect, test } from 'vitest'
import { createLoginThrottle, WINDOW_SECONDS } from '#server/auth/login-throttle.server.ts'

function throttleAt(start = 1_000_000) {
	let now = start
	const throttle = createLoginThrottle(undefined, () => now)
	return { throttle, advance: (ms: number) => (now += ms) }
}

function fail(throttle: ReturnType<typeof createLoginThrottle>, email: string, ip: string) {
	const reservation = throttle.reserve(email, ip)
	if (reservation.ok) reservation.attempt.failed()
	return reservation.ok
}

test('reservations count before any outcome: a sixth simultaneous check from one address is refused', () => {
	const { throttle } = throttleAt()
	const inFlight = Array.from({ length: 6 }, () => throttle.reserve('a@x.test', '10.0.0.1'))
	expect(inFlight.map((reservation) => reservation.ok)).toEqual([true, true, true, true, true, false])
})

test('an account locked from one address is slowed, not locked, from a new one, and free from a usual one', () => {
	const { throttle, advance } = throttleAt()
	const usual = throttle.reserve('a@x.test', '10.0.0.1')
	if (usual.ok) usual.attempt.succeeded()
	for (let guess = 0; guess < 5; guess++) expect(fail(throttle, 'a@x.test', '10.0.0.2')).toBe(true)
	expect(throttle.reserve('a@x.test', '10.0.0.2').ok).toBe(false)
	expect(fail(throttle, 'a@x.test', '10.0.0.3')).toBe(true)
	const slowed = throttle.reserve('a@x.test', '10.0.0.4')
	expect(slowed).toMatchObject({ ok: false })
	expect(slowed.ok ? 0 : slowed.retryAfterMs).toBeLessThanOrEqual(10_000)
	expect(throttle.reserve('a@x.test', '10.0.0.1').ok).toBe(true)
	advance(10_000)
	expect(throttle.reserve('a@x.test', '10.0.0.4').ok).toBe(true)
	advance(WINDOW_SECONDS * 1000)
	expect(throttle.reserve('a@x.test', '10.0.0.2').ok).toBe(true)
})

test('a success gives its reservation back and clears the pair', () => {
	const { throttle } = throttleAt()
	for (let guess = 0; guess < 4; guess++) fail(throttle, 'a@x.test', '10.0.0.1')
	const right = throttle.reserve('a@x.test', '10.0.0.1')
	if (right.ok) right.attempt.succeeded()
	for (let guess = 0; guess < 5; guess++) expect(fail(throttle, 'a@x.test', '10.0.0.1')).toBe(true)
})
