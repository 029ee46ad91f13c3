import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { craftedUpdates, FRAME_KINDS, frameSource, rng, validUpdates } from '../../bench/lib/fuzz-frames.ts'
import { validateUpdate } from '../../server/collab/validate-update.server.ts'

describe('the fuzzer’s frames', () => {
	test('are the same for the same seed, so a failing frame can be made again', () => {
		const a = frameSource(42)
		const b = frameSource(42)
		for (let i = 0; i < 200; i++) expect(a().bytes).toEqual(b().bytes)
	})

	test('cover every kind of hostile input over a few thousand frames', () => {
		const next = frameSource(7)
		const seen = new Set<string>()
		for (let i = 0; i < 3_000; i++) seen.add(next().kind)
		expect([...seen].sort()).toEqual([...FRAME_KINDS].sort())
	})

	test('start from updates a real editor makes, which apply cleanly in order', () => {
		const doc = new Y.Doc()
		for (const update of validUpdates(rng(3), 30, 'seed')) Y.applyUpdate(doc, update)
		expect(doc.getXmlFragment('default').toString()).toContain('seed')
	})

	test('include #687-style updates that the server’s validation refuses before they touch a document', () => {
		const refused = craftedUpdates(rng(11)).filter((update) => {
			try {
				validateUpdate(update, new Y.Doc())
				return false
			} catch {
				return true
			}
		})
		// Those at exactly 2^31 sit on the limit and are allowed; everything past it is refused.
		expect(refused.length).toBeGreaterThanOrEqual(8)
	})
})
