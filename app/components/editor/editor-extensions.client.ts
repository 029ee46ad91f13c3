import type { AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { CaretAnchor } from './caret-anchor.client.ts'
import type { CollabUser } from './collab-session.client.ts'
import { CommentAnchorMark } from './comment-anchor-mark.client.ts'
import { OwnAutolink } from './own-autolink.client.ts'
import { SuggestChanges } from './suggest-changes.client.ts'
import { DeletionMark, InsertionMark, ModificationMark } from './suggestion-marks.client.ts'

/**
 * Every extension of the section editor, in one list. The schema they make is stated in
 * `shared/collab/editor-schema.ts` for the server's checks; a test builds this very list and
 * compares, so a new node or mark here cannot be refused by the server without a failing test.
 */
export function editorExtensions(options: {
	doc: Y.Doc
	provider: WebsocketProvider
	user: CollabUser
	/** Told why a change could not be made as a suggestion in suggesting mode. */
	onSuggestionRefused?: (message: string) => void
}): AnyExtension[] {
	return [
		StarterKit.configure({
			// Collaboration brings an undo that only undoes your own changes.
			undoRedo: false,
			// It would add an empty paragraph on open: a change in every reader's copy.
			trailingNode: false,
			underline: false,
			heading: { levels: [2, 3, 4] },
			link: false,
		}),
		OwnAutolink.configure({
			openOnClick: false,
			autolink: true,
			defaultProtocol: 'https',
			protocols: ['http', 'https', 'mailto'],
			HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
		}),
		TableKit.configure({ table: { resizable: false } }),
		CommentAnchorMark,
		InsertionMark,
		DeletionMark,
		ModificationMark,
		SuggestChanges.configure({
			userId: options.user.id,
			onRefused: options.onSuggestionRefused ?? (() => {}),
		}),
		Collaboration.configure({ document: options.doc, field: FRAGMENT_NAME }),
		CaretAnchor,
		CollaborationCaret.configure({
			provider: options.provider,
			user: options.user,
			render: renderCaret,
			selectionRender: (person) => ({
				nodeName: 'span',
				class: 'collaboration-carets__selection',
				style: `background-color: ${person.color}33`,
			}),
		}),
	]
}

/** A caret with its person's name: the color helps, the name is the cue. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
	const caret = document.createElement('span')
	caret.className = 'collaboration-carets__caret'
	caret.style.borderColor = String(user.color)
	// Screen readers get the presence list; names spoken in the middle of the text would confuse.
	caret.setAttribute('aria-hidden', 'true')
	const label = document.createElement('span')
	label.className = 'collaboration-carets__label'
	label.style.backgroundColor = String(user.color)
	label.textContent = typeof user.name === 'string' ? user.name : 'Someone'
	caret.append(label)
	return caret
}
