import type { Editor } from '@tiptap/core'
import { absolutePositionToRelativePosition, type ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as buffer from 'lib0/buffer'
import * as Y from 'yjs'

/** A comment about to be written: where the selection starts and ends in the live text, and its words. */
export type CommentDraft = { anchorFrom: string; anchorTo: string; quote: string }

/** Shown with the form; the server stores the full passage (up to its own limit). */
const QUOTE_SHOWN = 300

/**
 * The editor's selection as a comment draft: its ends as Yjs relative positions (base64), which
 * stay on the same characters whatever others type before the comment is posted, and the words
 * selected. Null when nothing is selected or the selection holds no text.
 */
export function commentDraftOf(editor: Editor): CommentDraft | null {
	const range = selectedRange(editor)
	if (!range) return null
	const { from, to } = range
	const sync = ySyncPluginKey.getState(editor.state) as
		| { type: Y.XmlFragment; binding: ProsemirrorBinding | null }
		| undefined
	const binding = sync?.binding
	if (!sync || !binding) return null
	const words = editor.state.doc.textBetween(from, to, ' ').replace(/\s+/g, ' ').trim()
	if (words === '') return null
	const encode = (position: number) =>
		buffer.toBase64(
			Y.encodeRelativePosition(absolutePositionToRelativePosition(position, sync.type, binding.mapping)),
		)
	return {
		anchorFrom: encode(from),
		anchorTo: encode(to),
		quote: words.length <= QUOTE_SHOWN ? words : `${words.slice(0, QUOTE_SHOWN - 1)}…`,
	}
}

/**
 * The selected stretch of the text: the browser's selection when it lies in the text — what the
 * person sees, even a moment before the editor has read it (and in a section they may only read,
 * where the editor does not follow it) — else the editor's own.
 */
function selectedRange(editor: Editor): { from: number; to: number } | null {
	const { view } = editor
	const selection = window.getSelection()
	if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
		const range = selection.getRangeAt(0)
		if (view.dom.contains(range.startContainer) && view.dom.contains(range.endContainer)) {
			try {
				const start = view.posAtDOM(range.startContainer, range.startOffset)
				const end = view.posAtDOM(range.endContainer, range.endOffset)
				if (start < end) return { from: start, to: end }
			} catch {
				// Not a position in the text: fall back to the editor's selection.
			}
		}
	}
	const { from, to, empty } = editor.state.selection
	return empty ? null : { from, to }
}
