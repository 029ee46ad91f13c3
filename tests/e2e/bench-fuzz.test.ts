import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Running, removeData, startServer } from '../../bench/lib/servers.ts'
import { runFuzz } from '../../bench/scenarios/fuzz.ts'

let server: Running

beforeAll(async () => {
	server = await startServer('convene')
})

afterAll(async () => {
	await server.stop()
	removeData(server)
})

test('hostile frames neither crash the server, nor store anything when refused, nor write through a read-only connection', async () => {
	const result = await runFuzz(server, 400, {
		lanes: 2,
		seed: 6,
		onServer: (restarted) => {
			server = restarted
		},
	})
	expect(result.crashes).toBe(0)
	expect(result.internalErrors).toBe(0)
	expect(result.persistedFromBad).toBe(0)
	expect(result.readOnlyBypasses).toBe(0)
	expect(result.stalls).toBe(0)
	// The fuzzer did its job: nearly all junk was refused (a random byte can be a valid presence
	// query), and honest updates still went through.
	const random = result.byKind.random as { sent: number; refused: number }
	expect(random.refused).toBeGreaterThanOrEqual(random.sent * 0.9)
	expect(result.byKind.valid?.refused).toBe(0)
	expect(result.honest.delivered).toBe(result.honest.expected)
})
