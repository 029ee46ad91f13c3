import { parentPort } from 'node:worker_threads'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { describeText, type TextDescription } from '../sections/describe-text.server.ts'
import { binaryFrame } from './frame.server.ts'
import { sliceState } from './load-slices.server.ts'
import { StoredDocReader } from './persistence.server.ts'
import { syncStep2Message } from './protocol.server.ts'

/** `load`: a section to build a room from; `encode`: its stored text for a version. */
export type SectionLoadRequest =
	| { kind: 'load'; file: string; docId: string; sliceStructs: number }
	| { kind: 'encode'; file: string; docId: string }

/** What the worker loaded: the stored document cut into slices, and what is costly to derive from it. */
export type SectionLoaded = {
	seq: number
	logRows: number
	logBytes: number
	snapshotBytes: number
	/** `sliceState` of the document: applied one per turn, they rebuild it. */
	slices: Uint8Array[]
	/**
	 * The whole state (`Y.encodeStateAsUpdate`) as a framed sync step 2: the answer to every new tab
	 * until the first change. Its last `stateBytes` bytes are the state itself (the baseline version,
	 * a compaction before any change): sent once, not twice.
	 */
	syncReply: Uint8Array
	stateBytes: number
	stateVector: Uint8Array
	/** Null when the text cannot be described (a structure too deep to walk): the server then decides. */
	description: TextDescription | null
}

/** A section's text as stored now, encoded and described: a version without encoding it on the loop. */
export type SectionEncoded = { seq: number; state: Uint8Array; description: TextDescription | null }

export type SectionLoadReply =
	| ({ ok: true; kind: 'load' } & SectionLoaded)
	| ({ ok: true; kind: 'encode' } & SectionEncoded)
	| { ok: false; message: string }

/**
 * The section-load worker (started by `SectionLoader` through section-load-worker.mjs): reads a
 * section from its own read-only connection, as the server would, and does the work that would
 * otherwise hold the server's event loop for seconds on a large section.
 */
const readers = new Map<string, StoredDocReader>()

function readerFor(file: string): StoredDocReader {
	let reader = readers.get(file)
	if (!reader) {
		reader = new StoredDocReader(new Database(file, { readonly: true, fileMustExist: true }))
		readers.set(file, reader)
	}
	return reader
}

/**
 * The description, or null when walking the text throws: a section stored before the structure
 * rule may nest deeper than the stack. It must still load (the editor shows it as plain text).
 */
function describeOrNull(doc: Y.Doc): TextDescription | null {
	try {
		return describeText(doc)
	} catch {
		return null
	}
}

function encodeSection(request: { file: string; docId: string }): SectionEncoded {
	const loaded = readerFor(request.file).load(request.docId)
	try {
		return {
			seq: loaded.seq,
			state: Y.encodeStateAsUpdate(loaded.doc),
			description: describeOrNull(loaded.doc),
		}
	} finally {
		loaded.doc.destroy()
	}
}

function loadSection(request: { file: string; docId: string; sliceStructs: number }): SectionLoaded {
	const loaded = readerFor(request.file).load(request.docId)
	try {
		const state = Y.encodeStateAsUpdate(loaded.doc)
		return {
			seq: loaded.seq,
			logRows: loaded.logRows,
			logBytes: loaded.logBytes,
			snapshotBytes: loaded.snapshotBytes,
			slices: sliceState(loaded.doc, request.sliceStructs),
			syncReply: binaryFrame(syncStep2Message(state)),
			stateBytes: state.byteLength,
			stateVector: Y.encodeStateVector(loaded.doc),
			description: describeOrNull(loaded.doc),
		}
	} finally {
		loaded.doc.destroy()
	}
}

parentPort?.on('message', (request: SectionLoadRequest & { id: number }) => {
	let reply: SectionLoadReply
	try {
		reply =
			request.kind === 'encode'
				? { ok: true, kind: 'encode', ...encodeSection(request) }
				: { ok: true, kind: 'load', ...loadSection(request) }
	} catch (error) {
		reply = { ok: false, message: (error as Error).message }
	}
	// Moved, not copied: the worker keeps nothing of them. Only buffers a view owns whole (a small
	// Buffer lives in Node's shared pool, which must stay here).
	const buffers = !reply.ok ? [] : reply.kind === 'load' ? [...reply.slices, reply.syncReply] : [reply.state]
	const transfer = buffers
		.filter((bytes) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
		.map((bytes) => bytes.buffer as ArrayBuffer)
	parentPort?.postMessage({ id: request.id, reply }, transfer)
})
