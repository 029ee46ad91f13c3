import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import type { CommentDraft } from '#app/components/editor/comment-selection.client.ts'
import { ErrorList, FormError } from '#app/components/forms.tsx'
import type { ActionReply } from '#app/forms/action-reply.ts'
import { startThreadSchema } from '#shared/validation/comments.ts'

type Comment = {
	id: string
	author: string
	body: string
	when: string
	edited: boolean
	deleted: boolean
	mine: boolean
}

type Thread = {
	id: string
	quote: string
	status: 'open' | 'resolved'
	detached: boolean
	canResolve: boolean
	comments: Comment[]
}

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
}: {
	panel: CommentPanelData
	reply: ActionReply | undefined
	busy: boolean
	/** The selection chosen for a new comment, if any. */
	draft: CommentDraft | null
	onDraftDone: () => void
	/** The threads anchored in the live text, in order; null until the editor has loaded. */
	anchored: readonly string[] | null
}) {
	const open = panel.threads.filter((thread) => thread.status === 'open').length
	const threads = inTextOrder(panel.threads, anchored)
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
				/>
			) : (
				<p className="field-hint">To comment, select words in the text, then choose Comment (Ctrl+Alt+M).</p>
			)}
			<ol className="comment-threads">
				{threads.map((thread) => (
					<li key={thread.id} className={`comment-thread comment-thread-${thread.status}`}>
						<ThreadView thread={thread} canComment={panel.canComment} reply={reply} busy={busy} />
					</li>
				))}
			</ol>
		</section>
	)
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

function StartThreadForm({
	draft,
	lastResult,
	error,
	busy,
	onCancel,
}: {
	draft: CommentDraft
	lastResult: SubmissionResult<string[]> | undefined
	error: string | undefined
	busy: boolean
	onCancel: () => void
}) {
	const [form, fields] = useForm({
		id: 'comment-start',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: startThreadSchema }),
		shouldRevalidate: 'onInput',
	})
	const bodyProps = getTextareaProps(fields.body)
	return (
		<Form method="post" className="form comment-start" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="comment-start" />
			<input type="hidden" name="anchorFrom" value={draft.anchorFrom} />
			<input type="hidden" name="anchorTo" value={draft.anchorTo} />
			<FormError id={form.errorId} errors={error ? [...(form.errors ?? []), error] : form.errors} />
			<ErrorList id={fields.anchorFrom.errorId} errors={fields.anchorFrom.errors ?? fields.anchorTo.errors} />
			<p className="comment-draft-quote">New comment on “{draft.quote}”</p>
			<div className="field">
				<label htmlFor={fields.body.id}>Your comment</label>
				{/* biome-ignore lint/a11y/noAutofocus: the person just chose Comment; the form is where they write. */}
				<textarea {...bodyProps} key={bodyProps.key} rows={3} autoFocus />
				<ErrorList id={fields.body.errorId} errors={fields.body.errors} />
			</div>
			<div className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					Post comment
				</button>
				<button type="button" className="button button-secondary" onClick={onCancel}>
					Cancel
				</button>
			</div>
		</Form>
	)
}

function ThreadView({
	thread,
	canComment,
	reply,
	busy,
}: {
	thread: Thread
	canComment: boolean
	reply: ActionReply | undefined
	busy: boolean
}) {
	const replyId = `comment-reply-${thread.id}`
	const errors =
		reply?.formId === replyId ? (reply.result?.error?.body ?? (reply.error ? [reply.error] : [])) : []
	return (
		<article aria-label={`Comment on “${thread.quote}”`}>
			<blockquote className="comment-quote">
				{thread.quote}
				{thread.detached ? (
					<span className="state state-detached"> Detached: this text was deleted or changed</span>
				) : null}
			</blockquote>
			<p className={`state state-${thread.status === 'open' ? 'in_progress' : 'done'}`}>
				{thread.status === 'open' ? 'Open' : 'Resolved'}
			</p>
			<ol className="comments">
				{thread.comments.map((comment) => (
					<li key={comment.id} className="comment">
						<p className="comment-meta">
							<strong>{comment.author}</strong> · {comment.when}
							{comment.edited ? ' · edited' : ''}
						</p>
						{comment.deleted ? (
							<p className="muted">This comment was deleted.</p>
						) : (
							<p className="comment-body">{comment.body}</p>
						)}
						{comment.mine ? (
							<Form method="post">
								<input type="hidden" name="intent" value="comment-delete" />
								<input type="hidden" name="threadId" value={thread.id} />
								<input type="hidden" name="commentId" value={comment.id} />
								<button type="submit" className="button button-quiet button-small" disabled={busy}>
									Delete my comment
								</button>
							</Form>
						) : null}
					</li>
				))}
			</ol>
			{canComment ? (
				<Form method="post" className="form comment-reply" id={replyId}>
					<input type="hidden" name="intent" value="comment-reply" />
					<input type="hidden" name="threadId" value={thread.id} />
					<div className="field">
						<label htmlFor={`${replyId}-body`}>Reply</label>
						<textarea
							id={`${replyId}-body`}
							name="body"
							rows={2}
							required
							aria-invalid={errors.length > 0 || undefined}
							aria-describedby={errors.length > 0 ? `${replyId}-errors` : undefined}
						/>
						<ErrorList id={`${replyId}-errors`} errors={errors} />
					</div>
					<div>
						<button type="submit" className="button button-secondary" disabled={busy}>
							Post reply
						</button>
					</div>
				</Form>
			) : null}
			{thread.canResolve ? (
				<Form method="post">
					<input
						type="hidden"
						name="intent"
						value={thread.status === 'open' ? 'comment-resolve' : 'comment-reopen'}
					/>
					<input type="hidden" name="threadId" value={thread.id} />
					<button type="submit" className="button button-secondary" disabled={busy}>
						{thread.status === 'open' ? 'Resolve' : 'Reopen'}
					</button>
				</Form>
			) : null}
		</article>
	)
}
