import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { MAX_NESTING_DEPTH } from '#shared/collab/editor-schema.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { findAddedStructureProblem } from '#shared/collab/structure.ts'

/** Every problem the check reports while `change` runs on a fresh section document. */
function problemsOf(change: (fragment: Y.XmlFragment, doc: Y.Doc) => void, doc = new Y.Doc()): string[] {
	const fragment = doc.getXmlFragment(FRAGMENT_NAME)
	const problems: string[] = []
	doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
		const problem = findAddedStructureProblem(transaction, fragment)
		if (problem) problems.push(problem)
	})
	change(fragment, doc)
	return problems
}

function nest(parent: Y.XmlFragment, depth: number, name = 'blockquote'): Y.XmlElement {
	let current = parent
	for (let level = 0; level < depth; level++) {
		const child = new Y.XmlElement(name)
		current.insert(current.length, [child])
		current = child
	}
	return current as Y.XmlElement
}

test.each<[string, (fragment: Y.XmlFragment, doc: Y.Doc) => void, string[]]>([
	[
		'a heading, a list and marked text',
		(fragment) => {
			const paragraph = nest(fragment, 1, 'paragraph')
			const text = new Y.XmlText()
			paragraph.insert(0, [text])
			text.insert(0, 'Bold and linked', { bold: {}, 'link--AbCd1234': { href: 'https://example.test' } })
			nest(fragment, 3, 'bulletList')
		},
		[],
	],
	[
		'the deepest nesting allowed',
		(fragment, doc) => doc.transact(() => nest(fragment, MAX_NESTING_DEPTH)),
		[],
	],
	[
		'one level more',
		(fragment, doc) => doc.transact(() => nest(fragment, MAX_NESTING_DEPTH + 1)),
		[`elements nested deeper than ${MAX_NESTING_DEPTH}`],
	],
	[
		'20,000 levels',
		(fragment, doc) => doc.transact(() => nest(fragment, 20_000)),
		[`elements nested deeper than ${MAX_NESTING_DEPTH}`],
	],
	['an unknown element', (fragment) => nest(fragment, 1, 'iframe'), ['unknown element "iframe"']],
	[
		'an unknown mark',
		(fragment) => {
			const text = new Y.XmlText()
			nest(fragment, 1, 'paragraph').insert(0, [text])
			text.insert(0, 'Blinking', { blink: true })
		},
		['unknown mark "blink"'],
	],
	[
		'an element added in a later transaction below the limit',
		(fragment) => {
			const bottom = nest(fragment, MAX_NESTING_DEPTH)
			nest(bottom, 1)
		},
		[`elements nested deeper than ${MAX_NESTING_DEPTH}`],
	],
])('%s', (_name, change, expected) => {
	expect(problemsOf(change)).toEqual(expected)
})

test('an update from elsewhere is checked the same way as a local change', () => {
	const source = new Y.Doc()
	source.transact(() => nest(source.getXmlFragment(FRAGMENT_NAME), 20_000))
	const problems = problemsOf((_fragment, doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(source)))
	expect(problems).toEqual([`elements nested deeper than ${MAX_NESTING_DEPTH}`])
})
