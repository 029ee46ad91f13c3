import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** The kinds of hostile frame the fuzzer sends, each a share of the total. */
export const FRAME_KINDS = [
	'random',
	'mutated',
	'truncated',
	'crafted',
	'oversized',
	'awareness',
	'unknown_type',
	'valid',
] as const
type FrameKind = (typeof FRAME_KINDS)[number]

export type Frame = { kind: FrameKind; bytes: Uint8Array; note: string }

/** Mulberry32: a small seeded generator, so a failing frame can be made again from its seed. */
export function rng(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

const MAX_MESSAGE_BYTES = 24 * 1024 * 1024

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder()
	write(encoder)
	return encoding.toUint8Array(encoder)
}

/** `[0 sync][step][payload]`. */
export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	return message((encoder) => {
		encoding.writeVarUint(encoder, 0)
		encoding.writeVarUint(encoder, step)
		encoding.writeVarUint8Array(encoder, payload)
	})
}

/**
 * Valid updates of the kinds an editor makes (paragraphs, typing, deletes, marks, tables of
 * attributes), captured from a scratch document: the seeds the mutations start from.
 */
export function validUpdates(random: () => number, count = 40, marker = 'fuzz'): Uint8Array[] {
	const doc = new Y.Doc()
	doc.clientID = 2_000_000_000 + Math.floor(random() * 100_000_000)
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	const fragment = doc.getXmlFragment('default')
	for (let i = 0; updates.length < count; i++) {
		const choice = random()
		if (choice < 0.3 || fragment.length === 0) {
			const paragraph = new Y.XmlElement(random() < 0.8 ? 'paragraph' : 'heading')
			if (random() < 0.3) paragraph.setAttribute('level', String(1 + Math.floor(random() * 3)))
			paragraph.insert(0, [new Y.XmlText(`${marker} ${i}`)])
			fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
		} else {
			const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement
			const text = paragraph.get(0) as Y.XmlText | undefined
			if (!text) continue
			if (choice < 0.7) text.insert(Math.floor(random() * (text.length + 1)), `${marker}${i}`)
			else if (choice < 0.85 && text.length > 1) text.delete(Math.floor(random() * (text.length - 1)), 1)
			else text.format(0, Math.max(1, Math.floor(random() * text.length)), { bold: true })
		}
	}
	return updates
}

/** An update v1 written by hand: one client, `structs` written by `writeStructs`, then a delete set. */
function craftedUpdate(
	client: number,
	clock: number,
	structCount: number,
	writeStructs: (encoder: encoding.Encoder) => void,
	deletes: Array<[number, number, number]> = [],
): Uint8Array {
	return message((encoder) => {
		encoding.writeVarUint(encoder, 1)
		encoding.writeVarUint(encoder, structCount)
		encoding.writeVarUint(encoder, client)
		encoding.writeVarUint(encoder, clock)
		writeStructs(encoder)
		const byClient = new Map<number, Array<[number, number]>>()
		for (const [c, start, len] of deletes) byClient.set(c, [...(byClient.get(c) ?? []), [start, len]])
		encoding.writeVarUint(encoder, byClient.size)
		for (const [c, ranges] of byClient) {
			encoding.writeVarUint(encoder, c)
			encoding.writeVarUint(encoder, ranges.length)
			for (const [start, len] of ranges) {
				encoding.writeVarUint(encoder, start)
				encoding.writeVarUint(encoder, len)
			}
		}
	})
}

/** A string item at the document root (`parent` = the `default` fragment), content written by `content`. */
function rootItem(info: number, content: (encoder: encoding.Encoder) => void) {
	return (encoder: encoding.Encoder) => {
		encoding.writeUint8(encoder, info)
		encoding.writeVarUint(encoder, 1) // parent is a root type, named by key
		encoding.writeVarString(encoder, 'default')
		content(encoder)
	}
}

/**
 * yjs #687-style updates: structurally plausible but with clocks, lengths and counts no editing
 * session produces (huge GC / skip / deleted runs, clocks near 2^53, delete ranges of 2^40,
 * string lengths past the end), the kind that made later operations run away.
 */
export function craftedUpdates(random: () => number): Uint8Array[] {
	const client = 1 + Math.floor(random() * 2 ** 31)
	const huge = [2 ** 31, 2 ** 32 + 7, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER]
	const pick = () => huge[Math.floor(random() * huge.length)] as number
	return [
		craftedUpdate(client, 0, 1, (e) => {
			encoding.writeUint8(e, 0) // GC struct
			encoding.writeVarUint(e, pick())
		}),
		craftedUpdate(client, 0, 1, (e) => {
			encoding.writeUint8(e, 10) // Skip struct
			encoding.writeVarUint(e, pick())
		}),
		craftedUpdate(
			client,
			pick(),
			1,
			rootItem(4, (e) => encoding.writeVarString(e, 'x')),
		),
		craftedUpdate(
			client,
			0,
			1,
			rootItem(1, (e) => encoding.writeVarUint(e, pick())),
		), // ContentDeleted
		craftedUpdate(
			client,
			0,
			1,
			rootItem(4, (e) => encoding.writeVarUint(e, pick())),
		), // string length only
		craftedUpdate(
			client,
			0,
			pick(),
			rootItem(4, (e) => encoding.writeVarString(e, 'y')),
		), // struct count
		craftedUpdate(client, 0, 0, () => {}, [[client, 0, pick()]]),
		craftedUpdate(client, 0, 0, () => {}, [[client, pick(), 1]]),
		craftedUpdate(client, 0, 1, (e) => {
			encoding.writeUint8(e, 0x80 | 4) // an origin that points far into the future
			encoding.writeVarUint(e, client)
			encoding.writeVarUint(e, pick())
			encoding.writeVarString(e, 'z')
		}),
		craftedUpdate(
			client,
			0,
			1,
			rootItem(7, (e) => encoding.writeVarUint(e, 99)),
		), // type ref out of range
		craftedUpdate(
			client,
			0,
			1,
			rootItem(31, () => {}),
		), // content ref that does not exist
		message((e) => encoding.writeVarUint(e, pick())), // client count only
	]
}

function mutate(random: () => number, bytes: Uint8Array): Uint8Array {
	const out = [...bytes]
	const mutations = 1 + Math.floor(random() * 4)
	for (let m = 0; m < mutations; m++) {
		const at = Math.floor(random() * Math.max(1, out.length))
		const op = random()
		if (op < 0.35) out[at] = (out[at] ?? 0) ^ (1 << Math.floor(random() * 8))
		else if (op < 0.55) out[at] = Math.floor(random() * 256)
		else if (op < 0.7) out.splice(at, 0, Math.floor(random() * 256))
		else if (op < 0.85) out.splice(at, 1)
		else out[at] = [0x00, 0x7f, 0x80, 0xff][Math.floor(random() * 4)] as number
	}
	return Uint8Array.from(out)
}

function randomBytes(random: () => number, length: number): Uint8Array {
	const out = new Uint8Array(length)
	for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256)
	return out
}

function awarenessMessage(entries: Array<[number, number, string]>): Uint8Array {
	const inner = message((e) => {
		encoding.writeVarUint(e, entries.length)
		for (const [id, clock, state] of entries) {
			encoding.writeVarUint(e, id)
			encoding.writeVarUint(e, clock)
			encoding.writeVarString(e, state)
		}
	})
	return message((e) => {
		encoding.writeVarUint(e, 1)
		encoding.writeVarUint8Array(e, inner)
	})
}

/**
 * Makes hostile frames from a seed. `valid` frames are honest updates (a write connection may
 * store them; a read-only one must not); every other kind is junk that must store nothing.
 * Oversized frames past the 24 MB message limit are rare (they cost 24 MB each to send).
 */
export function frameSource(seed: number, marker = 'fuzz') {
	const random = rng(seed)
	const corpus = validUpdates(random, 40, marker)
	const crafted = craftedUpdates(random)
	const seeds = () => {
		const update = corpus[Math.floor(random() * corpus.length)] as Uint8Array
		return random() < 0.8 ? syncMessage(2, update) : syncMessage(1, update)
	}
	// Honest frames are the corpus in its own order, as an editor sends its changes: the server refuses
	// a change whose elements' parents it does not have yet (the structure rule), which a random pick
	// from the corpus often is. Sent again after the last, they change nothing.
	let nextValid = 0
	const validFrame = () => {
		const update = corpus[nextValid++ % corpus.length] as Uint8Array
		return random() < 0.8 ? syncMessage(2, update) : syncMessage(1, update)
	}
	let made = 0
	return (): Frame => {
		made++
		const roll = random()
		if (roll < 0.2)
			return { kind: 'random', bytes: randomBytes(random, Math.floor(random() * 200)), note: '' }
		if (roll < 0.45) return { kind: 'mutated', bytes: mutate(random, seeds()), note: '' }
		if (roll < 0.6) {
			const whole = seeds()
			return { kind: 'truncated', bytes: whole.slice(0, Math.floor(random() * whole.length)), note: '' }
		}
		if (roll < 0.75) {
			const update = crafted[Math.floor(random() * crafted.length)] as Uint8Array
			const bytes = random() < 0.5 ? syncMessage(2, update) : mutate(random, syncMessage(2, update))
			return { kind: 'crafted', bytes, note: '' }
		}
		if (roll < 0.8) {
			if (made % 2000 === 1) {
				return { kind: 'oversized', bytes: new Uint8Array(MAX_MESSAGE_BYTES + 1024), note: 'past maxPayload' }
			}
			// A length prefix that claims far more than follows, or an awareness past its limit.
			const claims = message((e) => {
				encoding.writeVarUint(e, 0)
				encoding.writeVarUint(e, 2)
				encoding.writeVarUint(e, 2 ** 31)
				encoding.writeUint8Array(e, randomBytes(random, 16))
			})
			const big = awarenessMessage([[1, 1, JSON.stringify({ pad: 'x'.repeat(20_000) })]])
			return { kind: 'oversized', bytes: random() < 0.5 ? claims : big, note: '' }
		}
		if (roll < 0.88) {
			const id = 1 + Math.floor(random() * 2 ** 30)
			const variants = [
				awarenessMessage([[id, 1, '{"user":{"name":"x"}}']]),
				awarenessMessage([[id, 1, 'not json']]),
				awarenessMessage(Array.from({ length: 40 }, (_, i) => [id + i, 1, '{}'] as [number, number, string])),
				mutate(random, awarenessMessage([[id, 2, '{"cursor":null}']])),
			]
			return {
				kind: 'awareness',
				bytes: variants[Math.floor(random() * variants.length)] as Uint8Array,
				note: '',
			}
		}
		if (roll < 0.93) {
			const type = [2, 4, 5, 6, 7, 8, 100, 127, 128, 255, 2 ** 20][Math.floor(random() * 11)] as number
			return {
				kind: 'unknown_type',
				bytes: message((e) => {
					encoding.writeVarUint(e, type)
					encoding.writeUint8Array(e, randomBytes(random, Math.floor(random() * 32)))
				}),
				note: '',
			}
		}
		return { kind: 'valid', bytes: validFrame(), note: '' }
	}
}
