import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state'
import {
	absolutePositionToRelativePosition,
	type ProsemirrorBinding,
	relativePositionToAbsolutePosition,
	ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** One end of the local selection, as it was before a remote change. */
type Anchor = {
	/** The Yjs element of the text block the end was in: its identity survives any remote change. */
	block: Y.XmlElement
	/** Where in the block, as Yjs sees it (a character, or the block itself when it is empty). */
	position: Y.RelativePosition
	/** The offset inside the block, for when `position` no longer resolves into it. */
	offset: number
}

type SyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: ProsemirrorBinding }

const key = new PluginKey('caretAnchor')

/**
 * Keeps your caret in the block it was in when someone else's change arrives.
 *
 * y-tiptap rebuilds the whole text after every remote change and restores the selection from Yjs
 * relative positions, then second-guesses them with a content match (for blocks moved by drag and
 * drop, whose elements are deleted and re-created). The match compares text, and an empty
 * paragraph's text matches every empty paragraph: a caret waiting in one (you just pressed Enter)
 * jumped into the empty paragraph a collaborator's Enter made above it, and the next keystrokes
 * landed there, glued to the other person's sentence. A paragraph's Yjs element is its identity,
 * so when the block the caret was in still exists and the restored caret is outside it, the caret
 * goes back into it: where Yjs resolves it, else at the same offset.
 */
export const CaretAnchor = Extension.create({
	name: 'caretAnchor',
	addProseMirrorPlugins() {
		let saved: { anchor: Anchor | null; head: Anchor | null } | null = null
		return [
			new Plugin({
				key,
				view(view) {
					const sync = ySyncPluginKey.getState(view.state) as SyncState | undefined
					if (!sync) return {}
					const before = (transaction: Y.Transaction) => {
						// Local edits place the caret themselves (typing, undo); only others' changes move it.
						if (transaction.local || saved) return
						saved = captureSelection(view.state, sync)
					}
					const after = () => {
						saved = null
					}
					sync.doc.on('beforeTransaction', before)
					sync.doc.on('afterAllTransactions', after)
					return {
						destroy() {
							sync.doc.off('beforeTransaction', before)
							sync.doc.off('afterAllTransactions', after)
						},
					}
				},
				appendTransaction(transactions, _oldState, state) {
					if (!saved || !transactions.some(isRemoteRebuild)) return null
					const sync = ySyncPluginKey.getState(state) as SyncState | undefined
					if (!sync || !(state.selection instanceof TextSelection)) return null
					const anchor = keepInBlock(state, sync, saved.anchor, state.selection.anchor)
					const head = keepInBlock(state, sync, saved.head, state.selection.head)
					if (anchor === state.selection.anchor && head === state.selection.head) return null
					return state.tr
						.setSelection(TextSelection.create(state.doc, anchor, head))
						.setMeta('addToHistory', false)
				},
			}),
		]
	},
})

function isRemoteRebuild(transaction: Transaction): boolean {
	const meta = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
	return meta?.isChangeOrigin === true && transaction.docChanged
}

function captureSelection(
	state: EditorState,
	sync: SyncState,
): { anchor: Anchor | null; head: Anchor | null } | null {
	if (!(state.selection instanceof TextSelection)) return null
	const { anchor, head } = state.selection
	return { anchor: captureEnd(state, sync, anchor), head: captureEnd(state, sync, head) }
}

function captureEnd(state: EditorState, sync: SyncState, pos: number): Anchor | null {
	const $pos = state.doc.resolve(pos)
	if (!$pos.parent.isTextblock) return null
	const position = absolutePositionToRelativePosition(pos, sync.type, sync.binding.mapping)
	const resolved = Y.createAbsolutePositionFromRelativePosition(position, sync.doc)
	if (!resolved) return null
	const block = resolved.type instanceof Y.XmlText ? resolved.type.parent : resolved.type
	if (!(block instanceof Y.XmlElement) || sync.binding.mapping.get(block) !== $pos.parent) return null
	return { block, position, offset: $pos.parentOffset }
}

/** The position for one end: `restored` if it is in the block it was in, else back in that block. */
function keepInBlock(state: EditorState, sync: SyncState, saved: Anchor | null, restored: number): number {
	if (!saved || !isAttached(saved.block, sync.type)) return restored
	const node = sync.binding.mapping.get(saved.block) as PmNode | PmNode[] | undefined
	if (!node || Array.isArray(node) || !node.isTextblock) return restored
	const start = relativePositionToAbsolutePosition(
		sync.doc,
		sync.type,
		Y.createRelativePositionFromTypeIndex(saved.block, 0, -1),
		sync.binding.mapping,
	)
	if (start === null || start > state.doc.content.size || state.doc.resolve(start).parent !== node)
		return restored
	const end = start + node.content.size
	if (restored >= start && restored <= end) return restored
	const resolved = relativePositionToAbsolutePosition(
		sync.doc,
		sync.type,
		saved.position,
		sync.binding.mapping,
	)
	if (resolved !== null && resolved >= start && resolved <= end) return resolved
	return start + Math.min(saved.offset, node.content.size)
}

/** Whether `element` is still part of the text (neither it nor any block around it was deleted). */
function isAttached(element: Y.XmlElement, root: Y.XmlFragment): boolean {
	let item: Y.Item | null = element._item
	while (item && !item.deleted) {
		const parent = item.parent as unknown
		if (parent === root) return true
		item = (parent as { _item: Y.Item | null } | null)?._item ?? null
	}
	return false
}
