import {
	isSuggestChangesEnabled,
	suggestChanges,
	suggestChangesKey,
	transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes'
import { Extension } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { suggestionId } from '#shared/collab/suggestions.ts'

type Options = {
	/** Whose suggestions these are: their id carries it (`shared/collab/suggestions.ts`). */
	userId: string
	/** Told why a change could not be made as a suggestion (nothing of it was applied). */
	onRefused: (message: string) => void
}

const NOT_A_SUGGESTION =
	'In suggesting mode you can change words and their formatting, not split, join or restyle paragraphs, headings, lists or tables. Comment to ask for such a change.'

/**
 * Suggesting mode (`@handlewithcare/prosemirror-suggest-changes`): while on, your edits are turned
 * into insertions and deletions that the section's writers accept or reject, instead of changing
 * the text. Changes made elsewhere (other people's, arriving through Yjs) and undo pass through.
 *
 * Only changes inside a paragraph are turned into suggestions. Splitting or joining blocks,
 * changing a heading's level or a list would need marks on blocks, which Yjs's ProseMirror binding
 * does not carry to anyone else; such a change is refused whole with a message, instead of
 * reaching other people as a plain edit (the server would refuse that from someone who may only
 * suggest, and close their connection).
 */
export const SuggestChanges = Extension.create<Options>({
	name: 'suggestChanges',
	addOptions: () => ({ userId: '', onRefused: () => {} }),
	addProseMirrorPlugins() {
		return [suggestChanges()]
	},
	dispatchTransaction({ transaction, next }) {
		const { state } = this.editor
		if (!transaction.docChanged || !isSuggestChangesEnabled(state) || passesThrough(transaction)) {
			next(transaction)
			return
		}
		if (!withinParagraphs(transaction)) {
			this.options.onRefused(NOT_A_SUGGESTION)
			return
		}
		let suggested: Transaction
		try {
			suggested = transformToSuggestionTransaction(transaction, state, () =>
				suggestionId(this.options.userId, Date.now(), crypto.randomUUID().slice(0, 8)),
			)
		} catch {
			// The library needs a mark on a block for this change (see above): refused, not applied.
			this.options.onRefused(NOT_A_SUGGESTION)
			return
		}
		next(suggested)
	},
})

/** Changes that are not the person's own typing: remote ones, undo and redo, accept and reject. */
function passesThrough(transaction: Transaction): boolean {
	const sync = transaction.getMeta(ySyncPluginKey) as
		| { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean }
		| undefined
	if (sync?.isChangeOrigin || sync?.isUndoRedoOperation) return true
	const own = transaction.getMeta(suggestChangesKey) as { skip?: boolean } | undefined
	return own?.skip === true
}

/**
 * Whether every step of a transaction changes text inside paragraphs: inserts or replaces text
 * within one text block, deletes a stretch of text, or adds or removes a mark.
 */
function withinParagraphs(transaction: Transaction): boolean {
	return transaction.steps.every((step, index) => {
		if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true
		if (!(step instanceof ReplaceStep) || step.constructor !== ReplaceStep) return false
		const doc = transaction.docs[index]
		if (!doc) return false
		const { slice } = step
		if (slice.size === 0) return true
		if (slice.openStart !== 0 || slice.openEnd !== 0) return false
		let onlyText = true
		slice.content.forEach((node) => {
			if (!node.isText) onlyText = false
		})
		const $from = doc.resolve(step.from)
		return onlyText && $from.parent.isTextblock && $from.sameParent(doc.resolve(step.to))
	})
}
