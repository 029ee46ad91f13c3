import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { countDocumentWords, extractText } from '#shared/collab/text.ts'

function element(name: string, ...children: Array<Y.XmlElement | Y.XmlText>): Y.XmlElement {
	const node = new Y.XmlElement(name)
	node.insert(0, children)
	return node
}

test('the text comes block by block, in document order, nested blocks joined by spaces', () => {
	const doc = new Y.Doc()
	doc
		.getXmlFragment(FRAGMENT_NAME)
		.insert(0, [
			element('heading', new Y.XmlText('Scope')),
			element(
				'bulletList',
				element('listItem', element('paragraph', new Y.XmlText('first'))),
				element('listItem', element('paragraph', new Y.XmlText('second'))),
			),
			element('paragraph', new Y.XmlText('Last words.')),
		])
	expect(extractText(doc)).toBe('Scope\n\nfirst second\n\nLast words.')
	expect(countDocumentWords(doc)).toBe(5)
})

test('a section nested 20,000 deep still gives its text (no recursion to overflow)', () => {
	const doc = new Y.Doc()
	doc.transact(() => {
		let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(FRAGMENT_NAME)
		for (let level = 0; level < 20_000; level++) {
			const quote = new Y.XmlElement('blockquote')
			parent.insert(0, [quote])
			parent = quote
		}
		parent.insert(0, [element('paragraph', new Y.XmlText('Found at the bottom.'))])
	})
	expect(extractText(doc)).toBe('Found at the bottom.')
	expect(countDocumentWords(doc)).toBe(4)
})
