import { useState } from 'react'
import type { CommentDraft } from '#app/components/editor/comment-selection.client.ts'
import type { ActionReply } from '#app/forms/action-reply.ts'
import { StartThreadForm } from './comment-start-form.tsx'
import { type People, type Thread, ThreadView } from './comment-thread.tsx'

export type CommentPanelData = { canComment: boolean; threads: Thread[] }

/**
 * The section's comment threads in a region named "Comments": in the order their passages appear
 * in the text once the editor has loaded (threads whose passage was deleted last, marked detached),
 * each with the passage it is about, its comments, and what the reader may do — reply, resolve or
 * reopen, delete their own comment. A new thread starts from Comment in the editor, on a selection.
 */
export function CommentsPanel({
	panel,
	reply,
	busy,
	draft,
	onDraftDone,
	anchored,
	people,
}: {
	panel: CommentPanelData
	people: People
	reply: ActionReply | undefined
	busy: boolean
	/** The selection chosen for a new comment, if any. */
	draft: CommentDraft | null
	onDraftDone: () => void
	/** The threads anchored in the live text, in order; null until the editor has loaded. */
	anchored: readonly string[] | null
}) {
	const open = panel.threads.filter((thread) => thread.status === 'open').length
	const [filter, setFilter] = useState<Filter>('all')
	const threads = inTextOrder(panel.threads, anchored).filter(FILTERS[filter].keep)
	return (
		<section className="card comments-panel" aria-labelledby="comments-heading">
			<div className="card-header">
				<h2 id="comments-heading">Comments</h2>
				<p className="muted">
					{panel.threads.length === 0
						? 'No comments yet.'
						: `${open} open, ${panel.threads.length - open} resolved`}
				</p>
			</div>
			{reply?.error && reply.intent === 'comment-edit' ? (
				<p className="form-error" role="alert">
					{reply.error}
				</p>
			) : null}
			{reply?.notice && reply.intent.startsWith('comment-') ? (
				<p className="notice" role="status">
					{reply.notice}
				</p>
			) : null}
			{!panel.canComment ? (
				<p className="muted">You may read the comments here but not add to them.</p>
			) : draft ? (
				<StartThreadForm
					key={`${draft.anchorFrom}:${draft.anchorTo}`}
					draft={draft}
					lastResult={reply?.formId === 'comment-start' ? reply.result : undefined}
					error={reply?.formId === 'comment-start' ? (reply.error ?? undefined) : undefined}
					busy={busy}
					onCancel={onDraftDone}
					people={people}
				/>
			) : (
				<p className="field-hint">To comment, select words in the text, then choose Comment (Ctrl+Alt+M).</p>
			)}
			{panel.threads.length > 0 ? (
				<fieldset className="comment-filters">
					<legend className="visually-hidden">Show</legend>
					{(Object.keys(FILTERS) as Filter[]).map((key) => (
						<button
							key={key}
							type="button"
							className="button button-small button-secondary tool-toggle"
							aria-pressed={filter === key}
							onClick={() => setFilter(key)}
						>
							{FILTERS[key].label}
						</button>
					))}
				</fieldset>
			) : null}
			{panel.threads.length > 0 && threads.length === 0 ? <p className="muted">No comments here.</p> : null}
			<ol className="comment-threads">
				{threads.map((thread) => (
					<li key={thread.id} className={`comment-thread comment-thread-${thread.status}`}>
						<ThreadView
							thread={thread}
							canComment={panel.canComment}
							reply={reply}
							busy={busy}
							people={people}
						/>
					</li>
				))}
			</ol>
		</section>
	)
}

type Filter = 'all' | 'open' | 'resolved' | 'mine' | 'mentions'

/** The panel's views of the threads: by status, the person's own, those that mention them. */
const FILTERS: Record<Filter, { label: string; keep: (thread: Thread) => boolean }> = {
	all: { label: 'All', keep: () => true },
	open: { label: 'Open', keep: (thread) => thread.status === 'open' },
	resolved: { label: 'Resolved', keep: (thread) => thread.status === 'resolved' },
	mine: { label: 'Mine', keep: (thread) => thread.mine },
	mentions: { label: 'Mentioning me', keep: (thread) => thread.mentionsMe },
}

/** Threads in the order of their anchors in the text; those without one (detached) after. */
function inTextOrder(threads: readonly Thread[], anchored: readonly string[] | null): Thread[] {
	if (anchored === null) return [...threads]
	const place = new Map(anchored.map((id, index) => [id, index]))
	return threads
		.map((thread) => ({ ...thread, detached: thread.detached || !place.has(thread.id) }))
		.sort(
			(a, b) => (place.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (place.get(b.id) ?? Number.MAX_SAFE_INTEGER),
		)
}
