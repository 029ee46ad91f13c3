import { Mark, mergeAttributes } from '@tiptap/core'
import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { COMMENT_MARK } from '#shared/collab/comment-anchor.ts'

/**
 * Where comment threads sit in the text (`shared/collab/comment-anchor.ts`): a mark that holds
 * only the thread's id, may overlap others of its kind, and does not grow when someone types at
 * its edge. The server adds it when a thread starts; the editor never adds one itself.
 *
 * Pasting keeps a thread's mark only when the thread has no anchor left elsewhere in the text
 * (text cut and pasted carries its comment along); a copy of anchored text is pasted without it,
 * so no thread ever gets a second anchor.
 */
export const CommentAnchorMark = Mark.create({
	name: COMMENT_MARK,
	inclusive: false,
	excludes: '',
	addAttributes() {
		return {
			threadId: {
				default: null,
				parseHTML: (element) => element.getAttribute('data-thread-id'),
				renderHTML: (attributes) => ({ 'data-thread-id': attributes.threadId }),
			},
		}
	},
	parseHTML() {
		return [{ tag: 'span[data-thread-id]' }]
	},
	renderHTML({ HTMLAttributes }) {
		return ['span', mergeAttributes({ class: 'comment-anchor' }, HTMLAttributes), 0]
	},
	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('commentAnchorPaste'),
				props: {
					transformPasted(slice, view) {
						const { from, to } = view.state.selection
						const elsewhere = new Set<string>()
						view.state.doc.nodesBetween(0, view.state.doc.content.size, (node, pos) => {
							if (!node.isText || (pos >= from && pos + node.nodeSize <= to)) return
							for (const id of threadIdsOf(node)) elsewhere.add(id)
						})
						if (elsewhere.size === 0) return slice
						return new Slice(withoutAnchors(slice.content, elsewhere), slice.openStart, slice.openEnd)
					},
				},
			}),
		]
	},
})

/** The thread ids anchored on a text node. */
function threadIdsOf(node: PmNode): string[] {
	const ids: string[] = []
	for (const mark of node.marks) {
		if (mark.type.name === COMMENT_MARK && typeof mark.attrs.threadId === 'string')
			ids.push(mark.attrs.threadId)
	}
	return ids
}

/** `content` with the anchors of the given threads taken off its text. */
function withoutAnchors(content: Fragment, threadIds: ReadonlySet<string>): Fragment {
	const nodes: PmNode[] = []
	content.forEach((node) => {
		if (node.isText) {
			nodes.push(
				node.mark(
					node.marks.filter(
						(mark) => mark.type.name !== COMMENT_MARK || !threadIds.has(String(mark.attrs.threadId)),
					),
				),
			)
		} else nodes.push(node.copy(withoutAnchors(node.content, threadIds)))
	})
	return Fragment.fromArray(nodes)
}

/** The threads anchored in a document, in the order their anchors first appear. */
export function anchoredThreadIds(doc: PmNode): string[] {
	const seen = new Set<string>()
	doc.descendants((node) => {
		if (node.isText) for (const id of threadIdsOf(node)) seen.add(id)
		return true
	})
	return [...seen]
}
