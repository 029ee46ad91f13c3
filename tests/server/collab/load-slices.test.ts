import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { sliceState } from '#server/collab/load-slices.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'

// `sliceState` cuts a document into updates that, applied one after another, build the same
// document with nothing left waiting — the section-load worker's output. Checked on documents that
// three writers edited concurrently (inserts next to each other's text, deletions, formatting,
// nested paragraphs), against the one-shot encoding Yjs itself makes.

/** A seeded pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed
	return () => {
		state = (state + 0x6d2b79f5) | 0
		let t = Math.imul(state ^ (state >>> 15), 1 | state)
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** Three writers editing one section concurrently, syncing now and then; returns the merged doc. */
function editedConcurrently(seed: number, rounds: number): Y.Doc {
	const next = random(seed)
	const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
	const sync = () => {
		for (const from of writers)
			for (const to of writers)
				if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
	}
	for (let round = 0; round < rounds; round++) {
		for (const doc of writers) {
			const fragment = doc.getXmlFragment(FRAGMENT_NAME)
			const choice = next()
			if (fragment.length === 0 || choice < 0.2) {
				const paragraph = new Y.XmlElement('paragraph')
				paragraph.insert(0, [new Y.XmlText(`Paragraph ${round} `)])
				fragment.insert(Math.floor(next() * (fragment.length + 1)), [paragraph])
				continue
			}
			const paragraph = fragment.get(Math.floor(next() * fragment.length)) as Y.XmlElement
			const text = paragraph.get(0) as Y.XmlText
			const at = Math.floor(next() * (text.length + 1))
			if (choice < 0.6) text.insert(at, 'typed words ')
			else if (choice < 0.8 && text.length > 3) text.delete(Math.min(at, text.length - 3), 3)
			else if (choice < 0.9 && text.length > 4) text.format(Math.min(at, text.length - 4), 4, { bold: true })
			else if (fragment.length > 1) fragment.delete(Math.floor(next() * fragment.length), 1)
		}
		if (next() < 0.3) sync()
	}
	sync()
	return writers[0] as Y.Doc
}

function structCount(update: Uint8Array): number {
	return Y.decodeUpdate(update).structs.length
}

test('slices rebuild every concurrently edited document exactly, none over the size asked', () => {
	const bad: string[] = []
	for (const seed of [1, 2, 3, 4, 5, 6]) {
		const source = editedConcurrently(seed, 400)
		for (const maxStructs of [1, 7, 100]) {
			const slices = sliceState(source, maxStructs)
			const built = new Y.Doc()
			for (const slice of slices) {
				Y.applyUpdate(built, slice)
				// Causally complete: nothing of any slice waits for a later one.
				if (built.store.pendingStructs || built.store.pendingDs)
					bad.push(`seed ${seed}/${maxStructs}: pending`)
			}
			const oversized = slices.filter((slice) => structCount(slice) > maxStructs).length
			if (oversized > 0)
				bad.push(`seed ${seed}/${maxStructs}: ${oversized} slices over ${maxStructs} structs`)
			if (built.getXmlFragment(FRAGMENT_NAME).toString() !== source.getXmlFragment(FRAGMENT_NAME).toString())
				bad.push(`seed ${seed}/${maxStructs}: text differs`)
			if (!Y.equalSnapshots(Y.snapshot(built), Y.snapshot(source)))
				bad.push(`seed ${seed}/${maxStructs}: state vector or deletions differ`)
		}
	}
	expect(bad).toEqual([])
})

test('an empty document is no slices, and builds an empty document', () => {
	expect(sliceState(new Y.Doc(), 1_000)).toEqual([])
})

test('deletions come after every struct, in slices of their own', () => {
	const source = editedConcurrently(9, 300)
	const slices = sliceState(source, 50)
	const kinds = slices.map((slice) => {
		const { structs, ds } = Y.decodeUpdate(slice)
		return structs.length > 0 ? (ds.clients.size > 0 ? 'both' : 'structs') : 'deletes'
	})
	expect(kinds).not.toContain('both')
	expect(kinds.indexOf('deletes')).toBeGreaterThan(kinds.lastIndexOf('structs'))
})
