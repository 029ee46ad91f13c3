import { execFileSync } from 'node:child_process'
import { expect, test } from 'vitest'
import { LIMITS } from '#server/collab/limits.server.ts'
import { collabSocketCap, openFileLimit } from '#server/collab/socket-caps.server.ts'
import { CLOSE_CODES, explainClose, shouldReconnect } from '#shared/collab/close-codes.ts'
import { openRaw, startCollab } from './collab-harness.ts'

// One observer session once opened ~20,000 sockets, ran the process out of file descriptors and
// took every page down. Sockets are now counted per session, person and address, and in total.

test('a session past its socket cap gets the rest closed with a code that says so, and a closed tab frees its place', async () => {
	const { origin, section, signIn } = await startCollab()
	const { cookie } = signIn('observer')
	const open = await Promise.all(
		Array.from({ length: LIMITS.socketsPerSession }, () => openRaw(origin, section.id, cookie)),
	)
	expect(open.map((client) => client.status)).toEqual(open.map(() => 101))

	const extra = await openRaw(origin, section.id, cookie)
	const closed = await extra.closed
	expect(closed.code).toBe(CLOSE_CODES.TOO_MANY_SOCKETS)
	expect(shouldReconnect(closed.code)).toBe(false)
	expect(explainClose(closed.code)).toMatch(/too many tabs/i)
	for (const client of open) expect(client.ws.readyState).toBe(client.ws.OPEN)

	open[0]?.ws.close()
	await open[0]?.closed
	const again = await openRaw(origin, section.id, cookie)
	await new Promise((resolve) => setTimeout(resolve, 100))
	expect(again.ws.readyState).toBe(again.ws.OPEN)
})

test('a person is capped across all their sessions', async () => {
	const { origin, section, signIn, sessionFor } = await startCollab({
		upgrade: { caps: { perSession: 2, perPerson: 3, perAddress: 100, total: 100 } },
	})
	const first = signIn('co_chair')
	const second = sessionFor(first.user.id)
	const clients = [
		await openRaw(origin, section.id, first.cookie),
		await openRaw(origin, section.id, first.cookie),
		await openRaw(origin, section.id, second.cookie),
	]
	expect(clients.map((client) => client.status)).toEqual([101, 101, 101])
	const fourth = await openRaw(origin, section.id, second.cookie)
	expect((await fourth.closed).code).toBe(CLOSE_CODES.TOO_MANY_SOCKETS)
	// Someone else is not affected.
	const other = await openRaw(origin, section.id, signIn('co_chair').cookie)
	await new Promise((resolve) => setTimeout(resolve, 100))
	expect(other.ws.readyState).toBe(other.ws.OPEN)
})

test('past the process-wide cap, upgrades are refused before the handshake, and the count comes back down', async () => {
	const { origin, section, signIn } = await startCollab({
		upgrade: { caps: { perSession: 10, perPerson: 10, perAddress: 100, total: 3 } },
	})
	const clients = await Promise.all(
		Array.from({ length: 3 }, () => openRaw(origin, section.id, signIn('observer').cookie)),
	)
	expect(clients.map((client) => client.status)).toEqual([101, 101, 101])
	const refused = await openRaw(origin, section.id, signIn('observer').cookie)
	expect(refused.status).toBe(503)
	// Refusals hold nothing: the same is true after many.
	for (let attempt = 0; attempt < 20; attempt++)
		expect((await openRaw(origin, section.id, signIn('observer').cookie)).status).toBe(503)

	clients[0]?.ws.terminate()
	let status = 0
	for (let attempt = 0; attempt < 20 && status !== 101; attempt++) {
		status = (await openRaw(origin, section.id, signIn('observer').cookie)).status
		if (status !== 101) await new Promise((resolve) => setTimeout(resolve, 50))
	}
	expect(status).toBe(101)
})

test('one address is capped before its sessions are even looked up', async () => {
	const { origin, section, signIn } = await startCollab({
		upgrade: { caps: { perSession: 10, perPerson: 10, perAddress: 2, total: 100 } },
	})
	await openRaw(origin, section.id, signIn('observer').cookie)
	await openRaw(origin, section.id, signIn('observer').cookie)
	expect((await openRaw(origin, section.id, signIn('observer').cookie)).status).toBe(429)
	// Even with no session at all: the address is refused first.
	expect((await openRaw(origin, section.id, undefined)).status).toBe(429)
})

test('the process-wide cap leaves a quarter of the file descriptors, or 256, to everything else', () => {
	expect(openFileLimit()).toBe(Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()))
	expect(collabSocketCap(1_024)).toBe(768)
	expect(collabSocketCap(20_000)).toBe(15_000)
	expect(collabSocketCap(300)).toBe(64)
})
