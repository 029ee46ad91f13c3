import { Mark, mergeAttributes } from '@tiptap/core'
import { caretColorIndex } from '#shared/collab/caret-color.ts'
import { suggestionAuthor } from '#shared/collab/suggestions.ts'

/**
 * The marks of `@handlewithcare/prosemirror-suggest-changes` as TipTap marks, with the library's
 * names, attributes and exclusions (its commands look them up by name): `insertion` and `deletion`
 * on text, in their author's colour (`shared/collab/caret-color.ts`) with an underline or a strike
 * so colour is not the only cue; `modification` exists for the library's sake — block changes are
 * refused in suggesting mode (`suggest-changes.client.ts`), so none is ever made here.
 */

const idAttribute = {
	id: {
		default: null,
		parseHTML: (element: HTMLElement) => parseId(element.dataset.id),
		renderHTML: (attributes: Record<string, unknown>) => ({ 'data-id': JSON.stringify(attributes.id) }),
	},
}

function parseId(raw: string | undefined): string | number | null {
	if (!raw) return null
	try {
		const id: unknown = JSON.parse(raw)
		return typeof id === 'string' || typeof id === 'number' ? id : null
	} catch {
		return null
	}
}

/** The class that gives a suggestion its author's colour. */
function authorClass(id: unknown): string {
	const author = suggestionAuthor(id)
	return author ? `suggestion-author-${caretColorIndex(author.userId)}` : 'suggestion-author-unknown'
}

export const InsertionMark = Mark.create({
	name: 'insertion',
	inclusive: false,
	excludes: 'deletion modification insertion',
	addAttributes: () => idAttribute,
	parseHTML: () => [{ tag: 'ins[data-id]' }],
	renderHTML: ({ mark, HTMLAttributes }) => [
		'ins',
		mergeAttributes(HTMLAttributes, {
			class: `suggestion suggestion-insertion ${authorClass(mark.attrs.id)}`,
		}),
		0,
	],
})

export const DeletionMark = Mark.create({
	name: 'deletion',
	inclusive: false,
	excludes: 'insertion modification deletion',
	addAttributes: () => idAttribute,
	parseHTML: () => [{ tag: 'del[data-id]' }],
	renderHTML: ({ mark, HTMLAttributes }) => [
		'del',
		mergeAttributes(HTMLAttributes, {
			class: `suggestion suggestion-deletion ${authorClass(mark.attrs.id)}`,
		}),
		0,
	],
})

export const ModificationMark = Mark.create({
	name: 'modification',
	inclusive: false,
	excludes: 'deletion insertion',
	addAttributes: () => ({
		...idAttribute,
		type: { default: null },
		attrName: { default: null },
		previousValue: { default: null },
		newValue: { default: null },
	}),
	parseHTML: () => [{ tag: "span[data-type='modification']" }],
	renderHTML: ({ HTMLAttributes }) => [
		'span',
		mergeAttributes(HTMLAttributes, { 'data-type': 'modification' }),
		0,
	],
})
