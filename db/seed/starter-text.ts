import * as Y from 'yjs'
import { commentMarkKey } from '#shared/collab/comment-anchor.ts'
import { countDocumentWords } from '#shared/collab/text.ts'

export type Block = { heading: string } | { paragraph: string }

/** A comment thread's anchor on the first occurrence of `quote` in the section's paragraphs. */
export type SeedAnchor = { threadId: string; quote: string }

/**
 * A pending suggestion (`shared/collab/suggestions.ts`): `text` proposed after the first
 * occurrence of `after`, or the first occurrence of `remove` proposed for deletion.
 */
export type SeedSuggestion = { id: string } & ({ after: string; text: string } | { remove: string })

/**
 * A section body as a real Yjs document in TipTap's shape: the `default` XmlFragment holding
 * `heading` (level 2) and `paragraph` elements, so the editor opens on this text as if typed,
 * with the anchors of its seeded comment threads on their words.
 */
export function buildSectionDocument(
	blocks: Block[],
	clientId: number,
	anchors: readonly SeedAnchor[] = [],
	suggestions: readonly SeedSuggestion[] = [],
) {
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
	for (const { threadId, quote } of anchors) {
		const text = elements.map((element) => element.get(0) as Y.XmlText).find((t) => plain(t).includes(quote))
		if (!text) throw new Error(`The seeded quote “${quote}” is not in its section`)
		text.format(plain(text).indexOf(quote), quote.length, { [commentMarkKey(threadId)]: { threadId } })
	}
	const texts = elements.map((element) => element.get(0) as Y.XmlText)
	const find = (words: string) => {
		const text = texts.find((candidate) => plain(candidate).includes(words))
		if (!text) throw new Error(`The seeded words “${words}” are not in their section`)
		return { text, at: plain(text).indexOf(words) }
	}
	for (const suggestion of suggestions) {
		if ('remove' in suggestion) {
			const { text, at } = find(suggestion.remove)
			text.format(at, suggestion.remove.length, { deletion: { id: suggestion.id } })
		} else {
			const { text, at } = find(suggestion.after)
			text.insert(at + suggestion.after.length, suggestion.text, { insertion: { id: suggestion.id } })
		}
	}
	const state = Y.encodeStateAsUpdate(doc)
	// As the live server counts them (pending insertions included), so the first edit changes nothing.
	const words = countDocumentWords(doc)
	doc.destroy()
	return { state, words }
}

function plain(text: Y.XmlText): string {
	return (text.toDelta() as Array<{ insert: unknown }>)
		.map((op) => (typeof op.insert === 'string' ? op.insert : ' '))
		.join('')
}
