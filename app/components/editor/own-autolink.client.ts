import { isChangeOrigin } from '@tiptap/extension-collaboration'
import Link from '@tiptap/extension-link'
import { Plugin } from '@tiptap/pm/state'

/** ProseMirror names the autolink plugin's key `autolink$` (then `autolink$1`, … per editor). */
const AUTOLINK_KEY = 'autolink$'

/**
 * Links, with autolink limited to this person's own typing. TipTap's autolink looks at every change
 * to the document, so it also linked addresses in text that arrived from others or loaded when the
 * section opened: each reader's copy then changed someone else's words (bringing back a link its
 * author had removed) and sent that change to everyone. Changes made by the collaboration binding
 * (remote text, the first render, undo) are left as their authors wrote them.
 */
export const OwnAutolink = Link.extend({
	addProseMirrorPlugins() {
		return (this.parent?.() ?? []).map((plugin) => {
			const append = plugin.spec.appendTransaction
			const key = (plugin.spec.key as { key?: string } | undefined)?.key ?? ''
			if (!append || !key.startsWith(AUTOLINK_KEY)) return plugin
			return new Plugin({
				...plugin.spec,
				appendTransaction: (transactions, before, after) =>
					transactions.some(isChangeOrigin) ? null : append(transactions, before, after),
			})
		})
	},
})
