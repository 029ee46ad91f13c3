import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { SuggestionCheck } from '#server/collab/suggestion-check.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { acceptedTextOf, countSuggestions } from '#shared/collab/suggestions.ts'

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
		return new SuggestionCheck(doc).refuses(Y.encodeStateAsUpdate(client, before))
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

test('the shadow follows the live document between updates, and a refused update leaves the live one untouched', () => {
	const { doc } = section()
	const check = new SuggestionCheck(doc)
	const suggester = new Y.Doc()
	Y.applyUpdate(suggester, Y.encodeStateAsUpdate(doc))
	const text = () => (suggester.getXmlFragment(FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText
	const send = (change: () => void) => {
		const before = Y.encodeStateVector(suggester)
		change()
		const update = Y.encodeStateAsUpdate(suggester, before)
		const refused = check.refuses(update)
		if (!refused) Y.applyUpdate(doc, update)
		return refused
	}
	expect(send(() => text().insert(0, 'Overall, ', { insertion: { id: 'u1:1:a' } }))).toBeNull()
	// A writer edits the live text meanwhile; the suggester's next proposal is judged against it.
	const live = (doc.getXmlFragment(FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText
	live.insert(live.length, ' Staff time fell.')
	Y.applyUpdate(suggester, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(suggester)))
	expect(send(() => text().format(text().length - 10, 4, { deletion: { id: 'u1:2:b' } }))).toBeNull()
	const stored = Y.encodeStateAsUpdate(doc)
	expect(send(() => text().insert(0, 'Plainly ', {}))).toBe(REFUSED)
	expect(Y.encodeStateAsUpdate(doc)).toEqual(stored)
	// After a refusal the check starts again from the live text (which never had "Plainly").
	expect(send(() => text().insert(text().length, '!', { insertion: { id: 'u1:3:c' } }))).toBeNull()
	expect(
		acceptedTextOf((doc.getXmlFragment(FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText),
	).not.toContain('Plainly')
	check.release()
})

test('accepting someone’s pending insertion changes the accepted text: refused; the live document is untouched', () => {
	const { doc, judge } = section()
	const text = (doc.getXmlFragment(FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText
	text.insert(10, 'sharply ', { insertion: { id: 'u2:1:e' } })
	const stored = Y.encodeStateAsUpdate(doc)
	expect(judge(({ text: copy }) => copy.format(10, 8, { insertion: null }))).toBe(REFUSED)
	expect(Y.encodeStateAsUpdate(doc)).toEqual(stored)
})

test('a section’s pending suggestions are counted once per id, however many runs they span', () => {
	const { doc } = section()
	const fragment = doc.getXmlFragment(FRAGMENT_NAME)
	const text = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText
	expect(countSuggestions(fragment)).toBe(0)
	text.insert(0, 'Overall, ', { insertion: { id: 'u1:1:a' } })
	text.format(2, 3, { bold: {} })
	text.format(15, 4, { deletion: { id: 'u2:1:b' } })
	expect(countSuggestions(fragment)).toBe(2)
})
