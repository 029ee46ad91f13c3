import * as Y from 'yjs'
import { findStructureProblem } from '../server/collab/structure.server.ts'
import { editingTrace, formatBytes } from './lib/documents.ts'
import { percentile, round } from './lib/stats.ts'

/**
 * What checking an update's structure against the editor's schema costs the server per ordinary
 * update (`npx tsx bench/structure-cost.ts`): a B4-like editing trace's last 5,000 keystrokes
 * (typing, deleting, new paragraphs) and, separately, formatting and new nested elements, each
 * checked against the live document it applies to. Decoding is not counted: `validateUpdate`
 * decodes every update anyway, and the check reads the structs it decoded.
 */
const ROWS = 5_000
const trace = editingTrace(512 * 1024, 7, ROWS)
const doc = new Y.Doc()
Y.applyUpdate(doc, trace.snapshot)

function measure(
	updates: readonly Uint8Array[],
	into: Y.Doc,
): { check: number[]; decode: number[]; apply: number[] } {
	const times = { check: [] as number[], decode: [] as number[], apply: [] as number[] }
	for (const update of updates) {
		let started = performance.now()
		const { structs } = Y.decodeUpdate(update)
		times.decode.push((performance.now() - started) * 1000)
		started = performance.now()
		const problem = findStructureProblem(structs, into)
		times.check.push((performance.now() - started) * 1000)
		if (problem) throw new Error(`an ordinary update was refused: ${problem}`)
		started = performance.now()
		Y.applyUpdate(into, update)
		times.apply.push((performance.now() - started) * 1000)
	}
	return times
}

/** Updates that add structure: bold a word, a new paragraph, a list, a quote with a paragraph. */
function structuralUpdates(from: Y.Doc, count: number): Uint8Array[] {
	const writer = new Y.Doc()
	Y.applyUpdate(writer, Y.encodeStateAsUpdate(from))
	const fragment = writer.getXmlFragment('default')
	const updates: Uint8Array[] = []
	writer.on('update', (update: Uint8Array) => updates.push(update))
	for (let i = 0; updates.length < count; i++) {
		const at = (i * 7919) % fragment.length
		const kind = i % 4
		if (kind === 0) {
			const text = (fragment.get(at) as Y.XmlElement).get(0) as Y.XmlText | undefined
			if (text && text.length > 3) text.format(0, 3, { bold: {} })
		} else if (kind === 1) {
			writer.transact(() => {
				const paragraph = new Y.XmlElement('paragraph')
				fragment.insert(at, [paragraph])
				paragraph.insert(0, [new Y.XmlText('A new paragraph.')])
			})
		} else if (kind === 2) {
			writer.transact(() => {
				const list = new Y.XmlElement('bulletList')
				fragment.insert(at, [list])
				const item = new Y.XmlElement('listItem')
				list.insert(0, [item])
				const paragraph = new Y.XmlElement('paragraph')
				item.insert(0, [paragraph])
				paragraph.insert(0, [new Y.XmlText('An item.')])
			})
		} else {
			writer.transact(() => {
				const quote = new Y.XmlElement('blockquote')
				fragment.insert(at, [quote])
				const paragraph = new Y.XmlElement('paragraph')
				quote.insert(0, [paragraph])
				paragraph.insert(0, [new Y.XmlText('Quoted.')])
			})
		}
	}
	return updates
}

function report(label: string, values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b)
	const mean = values.reduce((sum, value) => sum + value, 0) / values.length
	return `${label}: mean ${round(mean)} µs, p50 ${round(percentile(sorted, 50))}, p99 ${round(percentile(sorted, 99))}`
}

// Warm-up on a copy, then the measured pass.
measure(
	trace.log,
	(() => {
		const copy = new Y.Doc()
		Y.applyUpdate(copy, trace.snapshot)
		return copy
	})(),
)
const typing = measure(trace.log, doc)
const structural = measure(structuralUpdates(doc, 2_000), doc)
process.stdout.write(
	[
		`document ${formatBytes(trace.state.byteLength)}, ${doc.getXmlFragment('default').length} paragraphs`,
		report(`typing (${ROWS} keystrokes) check`, typing.check),
		report('  for scale: decode', typing.decode),
		report('  for scale: apply', typing.apply),
		report('formatting and new elements (2,000) check', structural.check),
		report('  for scale: decode', structural.decode),
		report('  for scale: apply', structural.apply),
	]
		.map((line) => `${line}\n`)
		.join(''),
)
