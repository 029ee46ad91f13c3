import http from 'node:http'
import { afterEach, expect, test } from 'vitest'
import { type RunningServer, startServer } from './server.ts'

/**
 * Sign-in attempts from distinct client addresses. Linux routes all of 127.0.0.0/8 to loopback, so
 * binding the client socket to 127.0.0.N makes the server see a different address per N.
 */
function signInFrom(
	server: RunningServer,
	address: string,
	email: string,
	password: string,
): Promise<{ status: number; retryAfter: number | null }> {
	const body = new URLSearchParams({ email, password }).toString()
	const url = new URL('/login', server.origin)
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port: url.port,
				path: '/login',
				method: 'POST',
				localAddress: address,
				agent: false,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					'Content-Length': Buffer.byteLength(body),
					Origin: server.origin,
					Host: url.host,
				},
			},
			(response) => {
				response.resume()
				response.on('end', () => {
					const retryAfter = response.headers['retry-after']
					resolve({ status: response.statusCode ?? 0, retryAfter: retryAfter ? Number(retryAfter) : null })
				})
			},
		)
		request.on('error', reject)
		request.end(body)
	})
}

let server: RunningServer | undefined
afterEach(async () => {
	await server?.stop()
	server = undefined
})

test('a hundred attempts at the same instant get no more password checks than the limit', async () => {
	server = await startServer()
	const running = server
	const attempts = Array.from({ length: 100 }, (_, index) =>
		signInFrom(running, '127.0.0.2', 'writer@demo.test', index === 99 ? 'demo-password' : `wrong-${index}`),
	)
	const answers = await Promise.all(attempts)
	// Each answer other than 429 is a password that was checked: 400 wrong, 303 right.
	const checked = answers.filter((answer) => answer.status !== 429)
	expect(checked.length).toBeLessThanOrEqual(5)
	expect(answers.every((answer) => [303, 400, 429].includes(answer.status))).toBe(true)
})

test('failures from one address do not lock the person out from their usual address or a new one', async () => {
	server = await startServer()
	const running = server
	const attempt = (address: string, password: string) =>
		signInFrom(running, address, 'writer@demo.test', password)

	// The person signs in from their usual address; then someone elsewhere guesses.
	expect((await attempt('127.0.0.1', 'demo-password')).status).toBe(303)
	for (let guess = 1; guess <= 5; guess++)
		expect((await attempt('127.0.0.2', `wrong-${guess}`)).status).toBe(400)
	const guesser = await attempt('127.0.0.2', 'demo-password')
	expect(guesser.status).toBe(429)
	expect(guesser.retryAfter).toBeGreaterThan(800)

	// Guessing from many addresses at once is slowed to one check at a time for this account.
	const spread = await Promise.all(
		['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9'].map((address) =>
			attempt(address, 'still-wrong'),
		),
	)
	expect(spread.filter((answer) => answer.status !== 429).length).toBeLessThanOrEqual(1)
	for (const answer of spread.filter((answer) => answer.status === 429)) {
		expect(answer.retryAfter).toBeLessThanOrEqual(10)
	}

	// The usual address is not slowed at all.
	expect((await attempt('127.0.0.1', 'demo-password')).status).toBe(303)

	// A new address is slowed, never locked: after the wait it names, the right password works.
	let fresh = await attempt('127.0.0.3', 'demo-password')
	if (fresh.status === 429) {
		expect(fresh.retryAfter).toBeLessThanOrEqual(10)
		await new Promise((resolve) => setTimeout(resolve, (fresh.retryAfter ?? 10) * 1000 + 200))
		fresh = await attempt('127.0.0.3', 'demo-password')
	}
	expect(fresh.status).toBe(303)
}, 60_000)

test('one address trying many accounts is stopped after 30 failures, whatever the accounts', async () => {
	server = await startServer()
	const running = server
	const answers = []
	for (let index = 0; index < 31; index++) {
		answers.push(await signInFrom(running, '127.0.0.2', `nobody-${index}@demo.test`, 'wrong-password'))
	}
	expect(answers.slice(0, 30).every((answer) => answer.status === 400)).toBe(true)
	expect(answers[30]?.status).toBe(429)
	// Another address is not affected.
	expect((await signInFrom(running, '127.0.0.3', 'lead@demo.test', 'demo-password')).status).toBe(303)
})
