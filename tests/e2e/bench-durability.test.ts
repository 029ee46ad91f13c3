import { expect, test } from 'vitest'
import { runDurability } from '../../bench/scenarios/durability.ts'

test('killed with SIGKILL at random moments, Convene loses no edit a peer had seen', async () => {
	const result = await runDurability('convene', 5)
	expect(result.seen).toBeGreaterThan(0)
	expect(result.lost).toBe(0)
})

test('the same trials do catch lost edits: Hocuspocus stores 2 s after the last change, so a kill loses what peers saw', async () => {
	const result = await runDurability('hocuspocus', 4)
	expect(result.lost).toBe(result.seen)
})
