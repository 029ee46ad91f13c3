import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { createRandom } from '../../db/seed/random.ts'
import { REPO_ROOT } from './servers.ts'

/**
 * A section's text as a server would store it after a long editing session: a snapshot plus the
 * log of the last keystrokes (one update each), and the whole state for servers that store one blob.
 */
export type EditedDocument = {
	/** Encoded state before the last `log.length` keystrokes (Convene's `doc_snapshots`). */
	snapshot: Uint8Array
	/** The last keystrokes, one update each (Convene's `doc_updates`). */
	log: Uint8Array[]
	/** `Y.encodeStateAsUpdate` of the final document: snapshot and log together. */
	state: Uint8Array
	/** Editing operations (keystrokes, deletions, cursor jumps…) that produced it. */
	ops: number
	paragraphs: number
}

const WORDS =
	'the of and to in a is that for it as was with be by on not this are or from at which but have an they were their has would when if so no will more can its residents data city council public'.split(
		' ',
	)

/**
 * A B4-like editing trace (crdt-benchmarks' B4 replays a real paper being typed: many single
 * character inserts and deletes at a moving cursor). Seeded, so the same bytes every run. Three
 * authors take turns in TipTap's layout (a `Y.XmlFragment` named `default` of paragraph elements,
 * each holding a `Y.XmlText`); per operation: type a character (~73 %), backspace (~25 %), delete a
 * run of up to 40 characters, start a paragraph after the cursor's, or jump to a random place.
 * Stops once the encoded state reaches `targetBytes`; the last `logRows` keystrokes are separate
 * updates, the rest are batched into transactions (the state is the same either way, only faster).
 */
export function editingTrace(targetBytes: number, seed: number, logRows = 300): EditedDocument {
	const random = createRandom(seed)
	const doc = new Y.Doc()
	const authors = [1, 2, 3].map(() => random.int(1, 2 ** 30))
	doc.clientID = authors[0] as number
	const fragment = doc.getXmlFragment('default')
	const paragraphs: Y.XmlText[] = []
	const addParagraph = (at: number) => {
		const element = new Y.XmlElement('paragraph')
		const text = new Y.XmlText()
		element.insert(0, [text])
		fragment.insert(at, [element])
		paragraphs.splice(at, 0, text)
		return text
	}
	let index = 0
	let text = doc.transact(() => addParagraph(0))
	let offset = 0
	let word = ''
	let ops = 0
	const step = () => {
		ops++
		const r = random.next()
		if (r < 0.004) doc.clientID = random.pick(authors)
		if (r < 0.012) {
			index = Math.floor(random.next() * paragraphs.length)
			text = paragraphs[index] as Y.XmlText
			offset = Math.floor(random.next() * (text.length + 1))
		} else if (r < 0.016) {
			index += 1
			text = addParagraph(index)
			offset = 0
		} else if (r < 0.27) {
			if (offset > 0) text.delete(--offset, 1)
		} else if (r < 0.273) {
			const length = Math.min(text.length - offset, 1 + Math.floor(random.next() * 40))
			if (length > 0) text.delete(offset, length)
		} else {
			if (word.length === 0) word = `${random.pick(WORDS)} `
			text.insert(offset++, word[0] as string)
			word = word.slice(1)
		}
	}
	// Bytes per operation drift as the document grows: estimate the operations left, go half way,
	// re-measure, until within 2 % of the target.
	let size = 0
	while (size < targetBytes * 0.98) {
		const goal = ops === 0 ? 2_000 : Math.ceil(ops + Math.max(500, 0.5 * (ops * (targetBytes / size) - ops)))
		while (ops < goal) doc.transact(() => step())
		size = Y.encodeStateAsUpdate(doc).byteLength
	}
	const snapshot = Y.encodeStateAsUpdate(doc)
	const log: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => log.push(update))
	while (log.length < logRows) doc.transact(() => step())
	const state = Y.encodeStateAsUpdate(doc)
	const result = { snapshot, log, state, ops, paragraphs: paragraphs.length }
	doc.destroy()
	return result
}

function encode(document: EditedDocument): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, document.ops)
	encoding.writeVarUint(encoder, document.paragraphs)
	encoding.writeVarUint8Array(encoder, document.snapshot)
	encoding.writeVarUint8Array(encoder, document.state)
	encoding.writeVarUint(encoder, document.log.length)
	for (const update of document.log) encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

function decode(bytes: Uint8Array): EditedDocument {
	const decoder = decoding.createDecoder(bytes)
	const ops = decoding.readVarUint(decoder)
	const paragraphs = decoding.readVarUint(decoder)
	const snapshot = decoding.readVarUint8Array(decoder)
	const state = decoding.readVarUint8Array(decoder)
	const log = Array.from({ length: decoding.readVarUint(decoder) }, () => decoding.readVarUint8Array(decoder))
	return { snapshot, log, state, ops, paragraphs }
}

/** `editingTrace`, cached in bench/.cache (a 16 MB trace takes ~15 s to generate on 2 cores). */
export function cachedTrace(targetBytes: number, seed: number, logRows = 300): EditedDocument {
	const dir = path.join(REPO_ROOT, 'bench/.cache')
	// Bump the version when the generator changes, so stale traces are not reused.
	const file = path.join(dir, `trace-v1-${targetBytes}-${seed}-${logRows}.bin`)
	if (existsSync(file)) return decode(new Uint8Array(readFileSync(file)))
	const document = editingTrace(targetBytes, seed, logRows)
	mkdirSync(dir, { recursive: true })
	writeFileSync(file, encode(document))
	return document
}

/** Human size in decimal units, as the issue names them: "23 kB", "15.8 MB". */
export function formatBytes(bytes: number): string {
	if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
	return `${Math.round(bytes / 1000)} kB`
}
