import { useEffect, useRef } from 'react'
import { Form } from 'react-router'
import { ErrorList, whileBusy } from '#app/components/forms.tsx'
import type { ActionReply } from '#app/forms/action-reply.ts'
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

export type Thread = {
	id: string
	quote: string
	status: 'open' | 'resolved'
	mine: boolean
	mentionsMe: boolean
	detached: boolean
	canResolve: boolean
	comments: Comment[]
}

/** The task force's members, whom a comment may @mention. */
export type People = ReadonlyArray<{ id: string; name: string }>

/** One thread of the Comments panel: its passage, its comments, and what the reader may do with it. */
export function ThreadView({
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
