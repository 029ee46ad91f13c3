import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { CollabMetrics } from '#server/collab/metrics.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { FRAGMENT_NAME, MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE } from '#shared/collab/messages.ts'
import { eventually, messageKind, openRaw, type RawClient, startCollab } from './collab-harness.ts'

// Sync step 1 asks "what am I missing?"; answering it encodes (part of) the document. Read-only
// sockets asking again and again on a large section used to encode it every time.

async function encodes(metrics: CollabMetrics): Promise<Record<string, number>> {
	const counts: Record<string, number> = {}
	for (const entry of (await metrics.syncEncodes.get()).values)
		counts[String(entry.labels.kind)] = (counts[String(entry.labels.kind)] ?? 0) + entry.value
	return counts
}

/** The sync step 2 answers a client has received, as updates. */
function answers(client: RawClient): Uint8Array[] {
	return client.messages
		.filter((message) => {
			const kind = messageKind(message)
			return kind.type === MESSAGE_SYNC && kind.step === SYNC_STEP_2
		})
		.map((message) => {
			const decoder = decoding.createDecoder(message)
			decoding.readVarUint(decoder)
			decoding.readVarUint(decoder)
			return decoding.readVarUint8Array(decoder)
		})
}

function textOf(update: Uint8Array, base?: Y.Doc): string {
	const doc = new Y.Doc()
	if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
	Y.applyUpdate(doc, update)
	return doc.getXmlFragment(FRAGMENT_NAME).toString()
}

test('many read-only sockets asking for a large section again and again encode it once', async () => {
	const { origin, section, signIn, storeLargeText, metrics } = await startCollab()
	const stored = storeLargeText(4_000)
	const observers = await Promise.all(
		Array.from({ length: 20 }, () => openRaw(origin, section.id, signIn('observer').cookie)),
	)
	for (const observer of observers) for (let ask = 0; ask < 3; ask++) observer.sendStep1()

	await eventually(
		() => observers.every((observer) => answers(observer).length === 3),
		'every step 1 is answered',
		15_000,
	)
	// A section this large is loaded off the event loop, where its whole state is encoded once for
	// every new tab: the server's own thread encodes nothing.
	expect(await encodes(metrics)).toEqual({})
	// The shared answer is the whole section.
	const expected = stored.getXmlFragment(FRAGMENT_NAME).toString()
	expect(textOf(answers(observers[0] as RawClient)[2] as Uint8Array)).toBe(expected)
})

test('a socket that keeps asking for the whole section is closed once past its sync budget', async () => {
	const { origin, section, signIn, storeLargeText } = await startCollab()
	storeLargeText(4_000) // about 1.1 MB
	const observer = await openRaw(origin, section.id, signIn('observer').cookie)
	for (let ask = 0; ask < 30; ask++) observer.sendStep1()

	const closed = await observer.closed
	expect(closed.code).toBe(CLOSE_CODES.RATE_LIMITED)
	// The first answer is always sent whole (a new tab needs the section), and a few more fit.
	expect(answers(observer).length).toBeGreaterThanOrEqual(2)
	expect(answers(observer).length).toBeLessThan(30)
})

test('a client that has everything, or nearly, gets a small answer; one that lacks most gets the shared whole', async () => {
	const { origin, section, signIn, storeLargeText, metrics } = await startCollab()
	const stored = storeLargeText(2_000)
	const writer = await openRaw(origin, section.id, signIn('co_chair').cookie)

	// A writer's save probes: its state vector covers the server's. Fifty of them, one encode.
	for (let ask = 0; ask < 50; ask++) writer.sendStep1(Y.encodeStateVector(stored))
	await eventually(() => answers(writer).length === 50, 'every probe is answered')
	expect(writer.ws.readyState).toBe(writer.ws.OPEN)
	expect(await encodes(metrics)).toEqual({ up_to_date: 1 })
	expect(Math.max(...answers(writer).map((answer) => answer.byteLength))).toBeLessThan(1_000)

	// A copy from yesterday lacks the last paragraph: a real diff, that brings it.
	const yesterday = new Y.Doc()
	Y.applyUpdate(yesterday, Y.encodeStateAsUpdate(stored))
	const lastParagraph = new Y.XmlElement('paragraph')
	lastParagraph.insert(0, [new Y.XmlText('Written this morning.')])
	const before = Y.encodeStateVector(stored)
	stored.getXmlFragment(FRAGMENT_NAME).push([lastParagraph])
	const reader = await openRaw(origin, section.id, signIn('observer').cookie)
	writer.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(stored, before)))
	await eventually(
		() => reader.messages.some((message) => messageKind(message).step === SYNC_UPDATE),
		'the edit is broadcast',
	)
	reader.sendStep1(Y.encodeStateVector(yesterday))
	await eventually(() => answers(reader).length === 1, 'the reader is answered')
	const diff = answers(reader)[0] as Uint8Array
	expect(diff.byteLength).toBeLessThan(10_000)
	expect(textOf(diff, yesterday)).toBe(stored.getXmlFragment(FRAGMENT_NAME).toString())
	expect((await encodes(metrics)).diff).toBe(1)

	// A copy with only the first paragraph lacks nearly everything: the shared whole, not a diff.
	const sparse = new Map([[stored.clientID, 3]])
	const newcomer = await openRaw(origin, section.id, signIn('observer').cookie)
	newcomer.sendStep1(encodeStateVector(sparse))
	newcomer.sendStep1(encodeStateVector(sparse))
	await eventually(() => answers(newcomer).length === 2, 'the newcomer is answered twice')
	expect(textOf(answers(newcomer)[1] as Uint8Array)).toBe(stored.getXmlFragment(FRAGMENT_NAME).toString())
	expect(await encodes(metrics)).toEqual({ up_to_date: 1, diff: 1, full: 1 })
})

function encodeStateVector(clocks: Map<number, number>): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, clocks.size)
	for (const [client, clock] of clocks) {
		encoding.writeVarUint(encoder, client)
		encoding.writeVarUint(encoder, clock)
	}
	return encoding.toUint8Array(encoder)
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}
