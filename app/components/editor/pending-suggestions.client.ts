import type { Node as PmNode } from '@tiptap/pm/model'
import { suggestionAuthor } from '#shared/collab/suggestions.ts'

/** One pending suggestion: what it inserts and deletes, who proposed it and when. */
export type PendingSuggestion = {
	id: string | number
	userId: string | null
	at: number | null
	inserted: string
	deleted: string
}

/** The pending suggestions of a document, in the order they first appear in the text. */
export function pendingSuggestions(doc: PmNode): PendingSuggestion[] {
	const byId = new Map<string | number, PendingSuggestion>()
	doc.descendants((node) => {
		if (!node.isText) return true
		for (const mark of node.marks) {
			const kind = mark.type.name
			if (kind !== 'insertion' && kind !== 'deletion') continue
			const id = mark.attrs.id as string | number
			let entry = byId.get(id)
			if (!entry) {
				const author = suggestionAuthor(id)
				entry = { id, userId: author?.userId ?? null, at: author?.at ?? null, inserted: '', deleted: '' }
				byId.set(id, entry)
			}
			const text = (node.text ?? '').replace(/\u200B/g, '')
			if (kind === 'insertion') entry.inserted += text
			else entry.deleted += text
		}
		return false
	})
	return [...byId.values()]
}
