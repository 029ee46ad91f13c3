import { eq } from 'drizzle-orm'
import * as encoding from 'lib0/encoding'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { docUpdates } from '#db/schema/index.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { MAX_NESTING_DEPTH } from '#shared/collab/editor-schema.ts'
import { FRAGMENT_NAME, MESSAGE_SYNC, SYNC_UPDATE } from '#shared/collab/messages.ts'
import { type Harness, openRaw, startCollab } from './collab-harness.ts'

// A writer's update that the editor could not render would blank the section for every reader.
// The server refuses it like any malformed message (4400) and stores nothing of it.

/** `[sync][update][payload]`, as y-websocket sends an edit. */
function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

/**
 * `depth` blockquotes nested one in another with a paragraph at the bottom, as one update; in `doc`,
 * they go inside its innermost quote. Built level by level, each inserted into the one already in
 * the document: a whole nested tree inserted at once would overflow yjs's own (recursive)
 * integration on this side first.
 */
function nestedQuotes(depth: number, doc = new Y.Doc()): Uint8Array {
	const before = Y.encodeStateVector(doc)
	// One transaction: outside one, each insert walks every level above it (quadratic).
	doc.transact(() => {
		let parent: Y.XmlFragment | Y.XmlElement = innermostQuote(doc) ?? doc.getXmlFragment(FRAGMENT_NAME)
		for (let level = 0; level < depth; level++) {
			const quote = new Y.XmlElement('blockquote')
			parent.insert(parent.length, [quote])
			parent = quote
		}
		const paragraph = new Y.XmlElement('paragraph')
		parent.insert(0, [paragraph])
		paragraph.insert(0, [new Y.XmlText('deep')])
	})
	return Y.encodeStateAsUpdate(doc, before)
}

/** The innermost blockquote of a document made by `nestedQuotes` (each quote's last child). */
function innermostQuote(doc: Y.Doc): Y.XmlElement | null {
	let quote: Y.XmlElement | null = null
	let parent: Y.XmlFragment = doc.getXmlFragment(FRAGMENT_NAME)
	for (;;) {
		const last = parent.length > 0 ? parent.get(parent.length - 1) : null
		if (!(last instanceof Y.XmlElement) || last.nodeName !== 'blockquote') return quote
		quote = last
		parent = last
	}
}

/** One top-level element named `name` holding some text, with `format` on the text. */
function element(name: string, format: Record<string, unknown> = {}): Uint8Array {
	const doc = new Y.Doc()
	const node = new Y.XmlElement(name)
	doc.getXmlFragment(FRAGMENT_NAME).insert(0, [node])
	const text = new Y.XmlText()
	node.insert(0, [text])
	text.insert(0, 'Some words', format)
	return Y.encodeStateAsUpdate(doc)
}

/** Sends `update` from a signed-in writer; resolves with the close code (or 'open' after 1 s). */
async function send(harness: Harness, update: Uint8Array): Promise<number | 'open'> {
	const client = await openRaw(harness.origin, harness.section.id, harness.signIn('co_chair').cookie)
	expect(client.status).toBe(101)
	client.ws.send(updateFrame(update))
	const code = await Promise.race([
		client.closed.then((closed) => closed.code),
		new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 1_000)),
	])
	client.ws.close()
	return code
}

function storedRows(harness: Harness): number {
	return harness.db.select().from(docUpdates).where(eq(docUpdates.docId, harness.section.id)).all().length
}

test.each([
	['20,000 nested blockquotes', () => nestedQuotes(20_000)],
	[`${MAX_NESTING_DEPTH} nested blockquotes (a paragraph one deeper)`, () => nestedQuotes(MAX_NESTING_DEPTH)],
	['an element the editor does not know', () => element('script')],
	['a mark the editor does not know', () => element('paragraph', { blink: true })],
	['a hashed mark the editor does not know', () => element('paragraph', { 'blink--AbCd1234': true })],
	[
		'a Yjs map inside the text',
		() => {
			const doc = new Y.Doc()
			// The typings allow elements and texts only; Yjs itself takes any type.
			doc.getXmlFragment(FRAGMENT_NAME).insert(0, [new Y.XmlHook('paragraph') as unknown as Y.XmlElement])
			return Y.encodeStateAsUpdate(doc)
		},
	],
	[
		'an element in another root type',
		() => {
			const doc = new Y.Doc()
			doc.getArray('elsewhere').insert(0, [new Y.XmlElement('paragraph')])
			return Y.encodeStateAsUpdate(doc)
		},
	],
])('%s: refused with 4400, nothing stored', async (_name, make) => {
	const harness = await startCollab()
	expect(await send(harness, make())).toBe(CLOSE_CODES.MALFORMED)
	expect(storedRows(harness)).toBe(0)
	expect(harness.collab.rooms.get(harness.section.id)?.doc.getXmlFragment(FRAGMENT_NAME).length).toBe(0)
})

test('what the editor writes is accepted: the deepest nesting allowed, every mark, a link', async () => {
	const harness = await startCollab()
	expect(await send(harness, nestedQuotes(MAX_NESTING_DEPTH - 1))).toBe('open')
	expect(
		await send(
			harness,
			element('paragraph', {
				bold: {},
				italic: {},
				strike: {},
				code: {},
				link: { href: 'https://example.test' },
				'link--AbCd1234': { href: 'https://example.test' },
			}),
		),
	).toBe('open')
	expect(storedRows(harness)).toBe(2)
})

test('nesting is counted through what the document already holds, not only within the update', async () => {
	const harness = await startCollab()
	// A writer builds the deepest text allowed (31 quotes, a paragraph at 32) and is accepted…
	const writer = new Y.Doc()
	expect(await send(harness, nestedQuotes(MAX_NESTING_DEPTH - 1, writer))).toBe('open')
	// …then puts one more quote inside the innermost one: its paragraph would be at 33.
	expect(await send(harness, nestedQuotes(1, writer))).toBe(CLOSE_CODES.MALFORMED)
	expect(storedRows(harness)).toBe(1)
})

test('an element whose parent the server has never seen is refused (it could be placed anywhere later)', async () => {
	const harness = await startCollab()
	const writer = new Y.Doc()
	nestedQuotes(3, writer)
	// Only the next level is sent: its parent is in no document the server has.
	expect(await send(harness, nestedQuotes(1, writer))).toBe(CLOSE_CODES.MALFORMED)
	expect(storedRows(harness)).toBe(0)
})

test('a server-made change (restoring an old version) is held to the same rule', async () => {
	const harness = await startCollab()
	const { collab, section } = harness
	expect(collab.applyServerUpdate(section.id, nestedQuotes(MAX_NESTING_DEPTH + 5), { userId: null })).toBe(
		false,
	)
	expect(collab.applyServerUpdate(section.id, element('paragraph', { bold: {} }), { userId: null })).toBe(
		true,
	)
	collab.flush()
	expect(storedRows(harness)).toBe(1)
})

test('a section loaded from storage takes ordinary edits placed by what it already holds', async () => {
	const harness = await startCollab()
	// Loaded from its snapshot, the server's document has not been read as a fragment yet.
	const writer = harness.storeLargeText(3)
	const before = Y.encodeStateVector(writer)
	const fragment = writer.getXmlFragment(FRAGMENT_NAME)
	const first = new Y.XmlElement('paragraph')
	fragment.insert(0, [first]) // placed by its right neighbour, a stored paragraph
	first.insert(0, [new Y.XmlText('A new first paragraph.')])
	const stored = fragment.get(2) as Y.XmlElement
	;(stored.get(0) as Y.XmlText).format(0, 5, { bold: {} })
	const quote = new Y.XmlElement('blockquote')
	fragment.insert(fragment.length, [quote]) // placed by its left neighbour
	quote.insert(0, [new Y.XmlElement('paragraph')])
	expect(await send(harness, Y.encodeStateAsUpdate(writer, before))).toBe('open')
	expect(storedRows(harness)).toBe(1)
})

test('a second run of the same client cannot vouch for the first: structs out of order are refused', async () => {
	// Yjs keeps the last run of a client in an update and drops the others. A decoy run placed
	// before the real one covers the same ids with garbage-collected structs, which the check
	// reads as "deleted, will not land"; were it to place the real run's elements by the decoy,
	// 40 nested quotes would pass unchecked.
	const client = 7
	const deep = new Y.Doc()
	deep.clientID = client
	const real = nestedQuotes(40, deep)
	// `[200 structs][client 7][from clock 0]`, then 200 × `[GC][length 1]`.
	const decoy = Uint8Array.of(0xc8, 0x01, client, 0, ...Array.from({ length: 200 }, () => [0, 1]).flat())
	// `[1 client][its run][empty delete set]` is the real update; joined as `[2 runs][decoy][real][empty]`.
	const crafted = Uint8Array.of(2, ...decoy, ...real.subarray(1, real.length - 1), 0)
	// What Yjs makes of it: the real run, 40 quotes deep.
	const landed = new Y.Doc()
	Y.applyUpdate(landed, crafted)
	expect(quoteDepth(landed)).toBe(40)

	const harness = await startCollab()
	expect(await send(harness, crafted)).toBe(CLOSE_CODES.MALFORMED)
	expect(storedRows(harness)).toBe(0)
})

/** How many blockquotes deep a document made by `nestedQuotes` goes. */
function quoteDepth(doc: Y.Doc): number {
	let depth = 0
	let parent: Y.XmlFragment = doc.getXmlFragment(FRAGMENT_NAME)
	for (;;) {
		const last = parent.length > 0 ? parent.get(parent.length - 1) : null
		if (!(last instanceof Y.XmlElement) || last.nodeName !== 'blockquote') return depth
		depth += 1
		parent = last
	}
}
