import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { editingTrace, formatBytes } from '../../bench/lib/documents.ts'
import { probeWindow } from '../../bench/lib/probe-pair.ts'

describe('the cold-load documents', () => {
	test('are a snapshot and a log of single keystrokes that together load to the stored state', () => {
		const trace = editingTrace(8_000, 5, 40)
		const fromLog = new Y.Doc()
		Y.applyUpdate(fromLog, trace.snapshot)
		for (const update of trace.log) Y.applyUpdate(fromLog, update)
		const fromState = new Y.Doc()
		Y.applyUpdate(fromState, trace.state)
		expect(Y.encodeStateVector(fromLog)).toEqual(Y.encodeStateVector(fromState))
		expect(fromLog.getXmlFragment('default').toString()).toBe(fromState.getXmlFragment('default').toString())
		expect(trace.log).toHaveLength(40)
		expect(fromState.getXmlFragment('default').length).toBe(trace.paragraphs)
	})

	test('reach the size asked for, within a few per cent, the same for the same seed', () => {
		const a = editingTrace(20_000, 9, 10)
		expect(a.snapshot.byteLength).toBeGreaterThanOrEqual(20_000 * 0.98)
		expect(a.snapshot.byteLength).toBeLessThan(20_000 * 1.1)
		expect(editingTrace(20_000, 9, 10).state).toEqual(a.state)
		expect(formatBytes(a.state.byteLength)).toMatch(/^2\d kB$/)
	})
})

describe('the probe pair’s window', () => {
	test('takes the keystrokes sent within it, and counts those never received as lost', () => {
		const sent = Float64Array.from([100, 120, 140, 160, 0])
		const received = Float64Array.from([101, 400, 0, 162, 0])
		const window = probeWindow({ sent, received }, 110, 170)
		expect(window).toEqual({ count: 3, p99: 280, max: 280, lost: 1 })
		expect(probeWindow({ sent, received }, 0, 50).count).toBe(0)
	})
})
