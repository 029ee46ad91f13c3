import {
	applySuggestion,
	applySuggestions,
	revertSuggestion,
	revertSuggestions,
} from '@handlewithcare/prosemirror-suggest-changes'
import type { Command } from '@tiptap/pm/state'
import { type Editor, useEditorState } from '@tiptap/react'
import { useFetcher } from 'react-router'
import { type PendingSuggestion, pendingSuggestions } from './pending-suggestions.client.ts'

const SHOWN_CHARS = 120

function shorten(text: string): string {
	return text.length <= SHOWN_CHARS ? text : `${text.slice(0, SHOWN_CHARS - 1)}…`
}

/**
 * The section's pending suggestions, beside the text: who proposed what and when. Whoever may write
 * the text accepts or rejects each one, all of one person's, or all (the suggestion library's
 * commands: an accepted insertion becomes plain text, an accepted deletion goes).
 */
export function SuggestionList({
	editor,
	canDecide,
	names,
}: {
	editor: Editor
	canDecide: boolean
	/** Names of the task force's members by user id. */
	names: Readonly<Record<string, string>>
}) {
	const suggestions = useEditorState({
		editor,
		selector: ({ editor }) => pendingSuggestions(editor.state.doc),
	})
	const record = useFetcher()
	/** Runs accept or reject on `which`, then records what was decided (activity log). */
	const decide = (decision: 'accepted' | 'rejected', which: PendingSuggestion[], command: Command) => {
		if (which.length === 0 || !command(editor.state, editor.view.dispatch)) return
		const form = new FormData()
		form.set('intent', 'suggestions-decided')
		form.set('decision', decision)
		form.set('count', String(which.length))
		for (const userId of new Set(which.map((entry) => entry.userId)))
			if (userId) form.append('authorIds', userId)
		void record.submit(form, { method: 'post' })
	}
	const nameOf = (userId: string | null) => (userId ? (names[userId] ?? 'A former member') : 'Someone')
	const authors = [...new Set(suggestions.map((suggestion) => suggestion.userId))]
	return (
		<section className="card suggestion-list" aria-labelledby="suggestions-heading">
			<div className="card-header">
				<h2 id="suggestions-heading">Suggestions</h2>
				<span className="count">{suggestions.length}</span>
			</div>
			{suggestions.length === 0 ? (
				<p className="card-hint">No pending suggestions.</p>
			) : (
				<>
					<ol className="suggestions">
						{suggestions.map((suggestion) => (
							<li key={String(suggestion.id)} className="suggestion-item">
								<SuggestionSummary
									id={`suggestion-${String(suggestion.id)}`}
									suggestion={suggestion}
									author={nameOf(suggestion.userId)}
								/>
								{canDecide ? (
									<div className="suggestion-actions">
										<button
											type="button"
											className="button button-small"
											aria-describedby={`suggestion-${String(suggestion.id)}`}
											onClick={() => decide('accepted', [suggestion], applySuggestion(suggestion.id))}
										>
											Accept
										</button>
										<button
											type="button"
											className="button button-small button-secondary"
											aria-describedby={`suggestion-${String(suggestion.id)}`}
											onClick={() => decide('rejected', [suggestion], revertSuggestion(suggestion.id))}
										>
											Reject
										</button>
									</div>
								) : null}
							</li>
						))}
					</ol>
					{canDecide ? (
						<div className="suggestion-actions">
							{authors.length > 1
								? authors.map((userId) => (
										<button
											key={userId ?? 'unknown'}
											type="button"
											className="button button-small button-secondary"
											onClick={() => {
												const theirs = suggestions.filter((entry) => entry.userId === userId)
												// One command per suggestion, each on the state the one before left.
												decide('accepted', theirs, (_state, dispatch) => {
													for (const suggestion of theirs)
														applySuggestion(suggestion.id)(editor.state, dispatch)
													return true
												})
											}}
										>
											Accept all by {nameOf(userId)}
										</button>
									))
								: null}
							<button
								type="button"
								className="button button-small"
								onClick={() => decide('accepted', suggestions, applySuggestions)}
							>
								Accept all
							</button>
							<button
								type="button"
								className="button button-small button-secondary"
								onClick={() => decide('rejected', suggestions, revertSuggestions)}
							>
								Reject all
							</button>
						</div>
					) : null}
				</>
			)}
		</section>
	)
}

function SuggestionSummary({
	id,
	suggestion,
	author,
}: {
	id: string
	suggestion: PendingSuggestion
	author: string
}) {
	const when = suggestion.at
		? new Date(suggestion.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
		: null
	return (
		<p id={id} className="suggestion-summary">
			<strong>{author}</strong>
			{when ? <span className="muted"> · {when}</span> : null}
			<br />
			{suggestion.inserted ? (
				<>
					Add <ins className="suggestion-insertion">{shorten(suggestion.inserted)}</ins>
				</>
			) : null}
			{suggestion.inserted && suggestion.deleted ? '; ' : null}
			{suggestion.deleted ? (
				<>
					Delete <del className="suggestion-deletion">{shorten(suggestion.deleted)}</del>
				</>
			) : null}
		</p>
	)
}
