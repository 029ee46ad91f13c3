import * as Y from 'yjs'
import { countWords } from '../word-count.ts'
import { FRAGMENT_NAME } from './messages.ts'

/** The plain text of a section body, block by block (paragraphs separated by blank lines). */
export function extractText(doc: Y.Doc): string {
	const blocks: string[] = []
	const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment, into: string[]) => {
		if (node instanceof Y.XmlText) {
			into.push(
				node
					.toDelta()
					.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
					.join(''),
			)
			return
		}
		for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText, into)
	}
	for (const block of doc.getXmlFragment(FRAGMENT_NAME).toArray()) {
		const parts: string[] = []
		walk(block as Y.XmlElement | Y.XmlText, parts)
		blocks.push(parts.join(' '))
	}
	return blocks.join('\n\n')
}

/** Words in a section body, for progress against the target. */
export function countDocumentWords(doc: Y.Doc): number {
	return countWords(extractText(doc))
}
