import {
	disableSuggestChanges,
	enableSuggestChanges,
	isSuggestChangesEnabled,
} from '@handlewithcare/prosemirror-suggest-changes'
import { type Editor, useEditorState } from '@tiptap/react'
import type { TextAccess } from '#shared/collab/access.ts'
import { type CommentDraft, commentDraftOf } from './comment-selection.client.ts'

const COMMENT_SHORTCUT = 'Control+Alt+M'

/**
 * The review tools above the text: Comment (on the selected words; also Ctrl+Alt+M in the text)
 * for everyone who may comment, and the Suggesting toggle for everyone who may change the text —
 * on for good for those who may only suggest, a choice for those who may write. `note` is the
 * latest thing to tell the person about them, read out as it changes.
 */
export function ReviewToolbar({
	editor,
	controls,
	access,
	canComment,
	onComment,
	note,
	onNote,
}: {
	editor: Editor
	controls: string
	access: TextAccess
	canComment: boolean
	onComment: (draft: CommentDraft) => void
	note: string | null
	onNote: (note: string | null) => void
}) {
	const suggesting = useEditorState({
		editor,
		selector: ({ editor }) => isSuggestChangesEnabled(editor.state),
	})
	const comment = () => {
		const draft = commentDraftOf(editor)
		if (!draft) {
			onNote('Select the words to comment on first, then choose Comment.')
			return
		}
		onNote(null)
		onComment(draft)
	}
	const toggleSuggesting = () => {
		if (access !== 'write') {
			onNote('In this phase your changes to this section are suggestions: its writers accept or reject them.')
			return
		}
		const command = suggesting ? disableSuggestChanges : enableSuggestChanges
		command(editor.state, editor.view.dispatch)
		onNote(
			suggesting
				? 'Suggesting is off: your changes go straight into the text.'
				: 'Suggesting is on: your changes show as suggestions until someone who writes this section accepts them.',
		)
	}
	return (
		<div className="review-toolbar" role="toolbar" aria-label="Review" aria-controls={controls}>
			{canComment ? (
				<button
					type="button"
					className="button button-small button-secondary"
					aria-keyshortcuts={COMMENT_SHORTCUT}
					title="Comment on the selected words (Ctrl+Alt+M)"
					// Keep the selection in the text: a mouse press must not move focus first.
					onMouseDown={(event) => event.preventDefault()}
					onClick={comment}
				>
					Comment
				</button>
			) : null}
			{access !== 'read' ? (
				<button
					type="button"
					className="button button-small button-secondary tool-toggle"
					aria-pressed={suggesting}
					aria-disabled={access !== 'write' || undefined}
					onMouseDown={(event) => event.preventDefault()}
					onClick={toggleSuggesting}
				>
					Suggesting
				</button>
			) : null}
			<p className="field-hint" aria-live="polite">
				{note ?? ''}
			</p>
		</div>
	)
}

/** Whether a key press is the comment shortcut (Ctrl+Alt+M, or Cmd+Alt+M on a Mac). */
export function isCommentShortcut(event: KeyboardEvent): boolean {
	return (event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM'
}
