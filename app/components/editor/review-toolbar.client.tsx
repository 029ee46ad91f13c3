import { type Editor, useEditorState } from '@tiptap/react'
import { useState } from 'react'
import { type CommentDraft, commentDraftOf } from './comment-selection.client.ts'

const COMMENT_SHORTCUT = 'Control+Alt+M'

/**
 * The review tools above the text: Comment (on the selected words; also Ctrl+Alt+M in the text).
 * Shown to everyone who may comment, readers of a section they may not change included.
 */
export function ReviewToolbar({
	editor,
	controls,
	onComment,
}: {
	editor: Editor
	controls: string
	onComment: (draft: CommentDraft) => void
}) {
	const [hint, setHint] = useState<string | null>(null)
	const selected = useEditorState({ editor, selector: ({ editor }) => !editor.state.selection.empty })
	const comment = () => {
		const draft = commentDraftOf(editor)
		if (!draft) {
			setHint('Select the words to comment on first, then choose Comment.')
			return
		}
		setHint(null)
		onComment(draft)
	}
	return (
		<div className="review-toolbar" role="toolbar" aria-label="Review" aria-controls={controls}>
			<button
				type="button"
				className="button button-small button-secondary"
				aria-keyshortcuts={COMMENT_SHORTCUT}
				aria-describedby={hint ? 'review-hint' : undefined}
				title="Comment on the selected words (Ctrl+Alt+M)"
				// Keep the selection in the text: a mouse press must not move focus first.
				onMouseDown={(event) => event.preventDefault()}
				onClick={comment}
				data-selection={selected ? 'yes' : 'no'}
			>
				Comment
			</button>
			<p id="review-hint" className="field-hint" aria-live="polite">
				{hint ?? ''}
			</p>
		</div>
	)
}

/** Whether a key press is the comment shortcut (Ctrl+Alt+M, or Cmd+Alt+M on a Mac). */
export function isCommentShortcut(event: KeyboardEvent): boolean {
	return (event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM'
}
