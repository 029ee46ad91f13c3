import * as Y from 'yjs'
import { countWords } from '#shared/word-count.ts'

export type Block = { heading: string } | { paragraph: string }

/**
 * A section body as a real Yjs document in TipTap's shape: the `default` XmlFragment holding
 * `heading` (level 2) and `paragraph` elements, so the editor opens on this text as if typed.
 */
export function buildSectionDocument(blocks: Block[], clientId: number) {
	const doc = new Y.Doc()
	// A fixed client id keeps the seeded bytes identical from run to run.
	doc.clientID = clientId
	const elements = blocks.map((block) => {
		const element = new Y.XmlElement('heading' in block ? 'heading' : 'paragraph')
		if ('heading' in block) element.setAttribute('level', 2 as unknown as string)
		element.insert(0, [new Y.XmlText('heading' in block ? block.heading : block.paragraph)])
		return element
	})
	doc.getXmlFragment('default').insert(0, elements)
	const state = Y.encodeStateAsUpdate(doc)
	const words = blocks.reduce(
		(sum, block) => sum + countWords('heading' in block ? block.heading : block.paragraph),
		0,
	)
	doc.destroy()
	return { state, words }
}
