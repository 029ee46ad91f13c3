import * as Y from 'yjs'
import { countWords } from '../word-count.ts'
import { FRAGMENT_NAME } from './messages.ts'

/**
 * The plain text of a section body, block by block (paragraphs separated by blank lines). Walks
 * with a stack of its own, not recursion: it is how a section too deeply nested for the editor is
 * still shown and counted.
 */
export function extractText(doc: Y.Doc): string {
	const blocks: string[] = []
	for (const block of doc.getXmlFragment(FRAGMENT_NAME).toArray()) {
		const parts: string[] = []
		const stack: unknown[] = [block]
		while (stack.length > 0) {
			const node = stack.pop()
			if (node instanceof Y.XmlText) parts.push(plainText(node))
			else if (node instanceof Y.XmlElement) {
				// Pushed last first, so they come off the stack in document order.
				const children = node.toArray()
				for (let index = children.length - 1; index >= 0; index--) stack.push(children[index])
			}
		}
		blocks.push(parts.join(' '))
	}
	return blocks.join('\n\n')
}

function plainText(text: Y.XmlText): string {
	return text
		.toDelta()
		.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('')
}

/** Words in a section body, for progress against the target. */
export function countDocumentWords(doc: Y.Doc): number {
	return countWords(extractText(doc))
}
