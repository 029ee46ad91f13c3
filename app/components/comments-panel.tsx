import {
	getFormProps,
	getInputProps,
	getTextareaProps,
	type SubmissionResult,
	useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useRef } from 'react'
import { Form } from 'react-router'
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
 * The section's comment threads, open ones first, in a region named "Comments": each with the
 * passage it is about, its comments, and what the reader may do — reply, resolve or reopen, delete
 * their own comment. Every action is a plain form, so it works before the page's scripts load.
 */
export function CommentsPanel({
	panel,
	reply,
	busy,
}: {
	panel: CommentPanelData
	reply: ActionReply | undefined
	busy: boolean
}) {
	const open = panel.threads.filter((thread) => thread.status === 'open').length
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
			{panel.canComment ? (
				<StartThreadForm
					lastResult={reply?.formId === 'comment-start' ? reply.result : undefined}
					busy={busy}
				/>
			) : (
				<p className="muted">You may read the comments here but not add to them.</p>
			)}
			<ol className="comment-threads">
				{panel.threads.map((thread) => (
					<li key={thread.id} className={`comment-thread comment-thread-${thread.status}`}>
						<ThreadView thread={thread} canComment={panel.canComment} reply={reply} busy={busy} />
					</li>
				))}
			</ol>
		</section>
	)
}

function StartThreadForm({
	lastResult,
	busy,
}: {
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: 'comment-start',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: startThreadSchema }),
		shouldRevalidate: 'onInput',
	})
	const quote = useRef<HTMLInputElement>(null)
	const body = useRef<HTMLTextAreaElement>(null)
	// The passage is what the reader selected in the text; without scripts, they type or paste it.
	const takeSelection = () => {
		const selected = window.getSelection()?.toString().trim() ?? ''
		if (selected && quote.current) quote.current.value = selected.slice(0, 2_000)
		body.current?.focus()
	}
	const quoteProps = getInputProps(fields.quote, { type: 'text' })
	const bodyProps = getTextareaProps(fields.body)
	return (
		<Form method="post" className="form comment-start" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="comment-start" />
			<FormError id={form.errorId} errors={form.errors} />
			<p className="field-hint">Select words in the text, then choose Comment; or type the passage below.</p>
			<div>
				<button type="button" className="button button-secondary" onClick={takeSelection}>
					Comment
				</button>
			</div>
			<div className="field">
				<label htmlFor={fields.quote.id}>Passage</label>
				<input {...quoteProps} key={quoteProps.key} ref={quote} />
				<ErrorList id={fields.quote.errorId} errors={fields.quote.errors} />
			</div>
			<div className="field">
				<label htmlFor={fields.body.id}>Your comment</label>
				<textarea {...bodyProps} key={bodyProps.key} ref={body} rows={3} />
				<ErrorList id={fields.body.errorId} errors={fields.body.errors} />
			</div>
			<div>
				<button type="submit" className="button" disabled={busy}>
					Post comment
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
				{thread.detached ? <span className="state"> The passage was deleted</span> : null}
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
