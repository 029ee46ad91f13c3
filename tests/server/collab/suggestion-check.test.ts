import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { findAcceptedTextChange } from '#server/collab/suggestion-check.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'

/** A section with a heading and a paragraph, and a copy a client would edit. */
function section() {
	const doc = new Y.Doc()
	const fragment = doc.getXmlFragment(FRAGMENT_NAME)
	const heading = new Y.XmlElement('heading')
	heading.setAttribute('level', 2 as unknown as string)
	heading.insert(0, [new Y.XmlText('Budget')])
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText('Costs rose by ten percent.')])
	fragment.insert(0, [heading, paragraph])
	/** What a client's change to a copy of the section sends: the update, judged against `doc`. */
	const judge = (change: (client: { heading: Y.XmlElement; text: Y.XmlText }) => void) => {
		const client = new Y.Doc()
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
		const before = Y.encodeStateVector(client)
		const [h, p] = client.getXmlFragment(FRAGMENT_NAME).toArray() as Y.XmlElement[]
		client.transact(() =>
			change({ heading: h as Y.XmlElement, text: (p as Y.XmlElement).get(0) as Y.XmlText }),
		)
		return findAcceptedTextChange(doc, Y.encodeStateAsUpdate(client, before))
	}
	return { doc, judge }
}

const REFUSED = 'a change to the accepted text from a connection that may only suggest'

test('an update that only suggests passes; one that changes the accepted text is refused', () => {
	const { judge } = section()
	// biome-ignore format: a table reads best aligned
	const cases: Array<[string, (client: { heading: Y.XmlElement; text: Y.XmlText }) => void, string | null]> = [
		['inserts text marked as an insertion',     ({ text }) => text.insert(10, 'sharply ', { insertion: { id: 'u1:1:a' } }), null],
		['marks text for deletion',                 ({ text }) => text.format(14, 4, { deletion: { id: 'u1:1:b' } }), null],
		['adds an insertion-marked anchor space',   ({ text }) => text.insert(0, '\u200B', { insertion: { id: 'u1:1:c' } }), null],
		['adds a deletion-marked anchor space',     ({ text }) => text.insert(0, '\u200B', { deletion: { id: 'u1:1:d' } }), null],
		['inserts plain text',                      ({ text }) => text.insert(10, 'sharply '), REFUSED],
		['deletes text outright',                   ({ text }) => text.delete(14, 4), REFUSED],
		['makes text bold',                         ({ text }) => text.format(0, 5, { bold: {} }), REFUSED],
		['changes a heading level',                 ({ heading }) => heading.setAttribute('level', 3 as unknown as string), REFUSED],
		['adds a paragraph',                        ({ heading }) => heading.parent instanceof Y.XmlFragment && heading.parent.push([new Y.XmlElement('paragraph')]), REFUSED],
	]
	const wrong = cases
		.map(([name, change, expected]) => ({ name, expected, got: judge(change) }))
		.filter((entry) => entry.got !== entry.expected)
		.map((entry) => `${entry.name}: expected ${entry.expected}, got ${entry.got}`)
	expect(wrong).toEqual([])
})

test('accepting someone’s pending insertion changes the accepted text: refused; the live document is untouched', () => {
	const { doc, judge } = section()
	const text = (doc.getXmlFragment(FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText
	text.insert(10, 'sharply ', { insertion: { id: 'u2:1:e' } })
	const stored = Y.encodeStateAsUpdate(doc)
	expect(judge(({ text: copy }) => copy.format(10, 8, { insertion: null }))).toBe(REFUSED)
	expect(Y.encodeStateAsUpdate(doc)).toEqual(stored)
})
