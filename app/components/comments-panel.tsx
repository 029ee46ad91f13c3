import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useEffect, useRef, useState } from 'react'
import { Form } from 'react-router'
import type { CommentDraft } from '#app/components/editor/comment-selection.client.ts'
import { ErrorList, FormError, whileBusy } from '#app/components/forms.tsx'
import type { ActionReply } from '#app/forms/action-reply.ts'
import { startThreadSchema } from '#shared/validation/comments.ts'
import { MentionTextarea } from './mention-textarea.tsx'

type Comment = {
	id: string
	author: string
	body: string
	when: string
	edited: boolean
	deleted: boolean
	mine: boolean
	mentionIds: string[]
}

type Thread = {
	id: string
	quote: string
	status: 'open' | 'resolved'
	mine: boolean
	mentionsMe: boolean
	detached: boolean
	canResolve: boolean
	comments: Comment[]
}

export type CommentPanelData = { canComment: boolean; threads: Thread[] }

/** The task force's members, whom a comment may @mention. */
type People = ReadonlyArray<{ id: string; name: string }>

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

function StartThreadForm({
	draft,
	lastResult,
	error,
	busy,
	onCancel,
	people,
}: {
	people: People
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
				<MentionTextarea
					id={fields.body.id}
					name={fields.body.name}
					people={people}
					rows={3}
					required
					autoFocus
					describedBy={fields.body.errors ? fields.body.errorId : undefined}
					invalid={Boolean(fields.body.errors)}
				/>
				<ErrorList id={fields.body.errorId} errors={fields.body.errors} />
			</div>
			<div className="form-actions">
				<button type="submit" className="button" {...whileBusy(busy)}>
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
	people,
}: {
	thread: Thread
	canComment: boolean
	reply: ActionReply | undefined
	busy: boolean
	people: People
}) {
	const replyId = `comment-reply-${thread.id}`
	const replyForm = useRef<HTMLFormElement>(null)
	// A posted reply empties the box, which keeps focus for whoever has more to say.
	useEffect(() => {
		if (reply?.formId === replyId && reply.notice) replyForm.current?.reset()
	}, [reply, replyId])
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
							<div className="comment-own">
								<details className="comment-edit">
									<summary>Edit my comment</summary>
									<Form method="post" className="form">
										<input type="hidden" name="intent" value="comment-edit" />
										<input type="hidden" name="threadId" value={thread.id} />
										<input type="hidden" name="commentId" value={comment.id} />
										<div className="field">
											<label htmlFor={`comment-edit-${comment.id}`}>Your comment</label>
											<MentionTextarea
												id={`comment-edit-${comment.id}`}
												name="body"
												people={people}
												rows={3}
												required
												initialText={comment.body}
												initialMentionIds={comment.mentionIds}
											/>
										</div>
										<button type="submit" className="button button-small" {...whileBusy(busy)}>
											Save my comment
										</button>
									</Form>
								</details>
								<Form method="post">
									<input type="hidden" name="intent" value="comment-delete" />
									<input type="hidden" name="threadId" value={thread.id} />
									<input type="hidden" name="commentId" value={comment.id} />
									<button type="submit" className="button button-quiet button-small" {...whileBusy(busy)}>
										Delete my comment
									</button>
								</Form>
							</div>
						) : null}
					</li>
				))}
			</ol>
			{canComment ? (
				<Form method="post" className="form comment-reply" id={replyId} ref={replyForm}>
					<input type="hidden" name="intent" value="comment-reply" />
					<input type="hidden" name="threadId" value={thread.id} />
					<div className="field">
						<label htmlFor={`${replyId}-body`}>Reply</label>
						<MentionTextarea
							id={`${replyId}-body`}
							name="body"
							people={people}
							rows={2}
							required
							invalid={errors.length > 0}
							describedBy={errors.length > 0 ? `${replyId}-errors` : undefined}
						/>
						<ErrorList id={`${replyId}-errors`} errors={errors} />
					</div>
					<div>
						<button type="submit" className="button button-secondary" {...whileBusy(busy)}>
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
					<button type="submit" className="button button-secondary" {...whileBusy(busy)}>
						{thread.status === 'open' ? 'Resolve' : 'Reopen'}
					</button>
				</Form>
			) : null}
		</article>
	)
}
