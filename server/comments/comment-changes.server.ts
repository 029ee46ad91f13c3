import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { commentMentions, comments, commentThreads } from '#db/schema/index.ts'
import type { ThreadStatus } from '#shared/domain.ts'
import type { CommentBodyInput } from '#shared/validation/comments.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canChangeComment, canResolveThread } from '../policies/comment.server.ts'
import type { Person } from '../policies/types.ts'
import { type CommentRefusal, checkMentions, excerpt, placeOf, threadOf } from './comment-place.server.ts'

// Changing what was posted: one's own comment edited or deleted, a thread resolved or reopened.

/**
 * A comment the actor may change — theirs, while they may still comment (`canChangeComment`; 403
 * otherwise) — with its thread and place. A deleted or unknown comment is "not found".
 */
function ownComment(db: Db, actor: Person, commentId: string) {
	const comment = db.select().from(comments).where(eq(comments.id, commentId)).get()
	if (!comment || comment.deletedAt !== null) throw notFound()
	const thread = threadOf(db, comment.threadId)
	const { row, standing } = placeOf(db, actor, thread.sectionId)
	authorize(
		canChangeComment(actor, standing.membership, standing.state, comment),
		'Only its author may change or delete a comment.',
	)
	return { thread, row }
}

/** Rewrites one's own comment (its mentions with it). Not recorded: the comment shows "edited". */
export function editComment(
	db: Db,
	actor: Person,
	commentId: string,
	input: CommentBodyInput,
	now: number,
): { ok: true } | CommentRefusal {
	return db.transaction(() => {
		const { row } = ownComment(db, actor, commentId)
		const mentions = checkMentions(db, row.taskForce.id, input.mentionIds)
		if (!Array.isArray(mentions)) return mentions
		db.update(comments).set({ body: input.body, editedAt: now }).where(eq(comments.id, commentId)).run()
		db.delete(commentMentions).where(eq(commentMentions.commentId, commentId)).run()
		if (mentions.length > 0)
			db.insert(commentMentions)
				.values(mentions.map((userId) => ({ commentId, userId })))
				.run()
		return { ok: true as const }
	})
}

/**
 * Deletes one's own comment: its words go, its place in the thread stays ("deleted"), so replies
 * still read in order and the thread is never lost. Records `comment.deleted`.
 */
export function deleteComment(db: Db, actor: Person, commentId: string, now: number): { ok: true } {
	return db.transaction(() => {
		const { thread, row } = ownComment(db, actor, commentId)
		db.update(comments).set({ body: '', deletedAt: now }).where(eq(comments.id, commentId)).run()
		db.delete(commentMentions).where(eq(commentMentions.commentId, commentId)).run()
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'comment.deleted',
				subjectType: 'section',
				subjectId: thread.sectionId,
				data: { title: row.section.title, threadId: thread.id },
			},
			now,
		)
		return { ok: true as const }
	})
}

/**
 * Resolves or reopens a thread: whoever started it, or may write the text (`canResolveThread`).
 * Asking for the status it already has changes nothing. Records `comment.thread_resolved` or
 * `comment.thread_reopened`.
 */
export function setThreadStatus(
	db: Db,
	actor: Person,
	threadId: string,
	status: ThreadStatus,
	now: number,
): { ok: true; changed: boolean } {
	return db.transaction(() => {
		const thread = threadOf(db, threadId)
		const { row, standing, section } = placeOf(db, actor, thread.sectionId)
		authorize(
			canResolveThread(actor, standing.membership, standing.state, section, thread),
			'Only whoever started the thread, or may write this text, resolves or reopens it.',
		)
		if (thread.status === status) return { ok: true as const, changed: false }
		db.update(commentThreads)
			.set(
				status === 'resolved'
					? { status, resolvedBy: actor.id, resolvedAt: now }
					: { status, resolvedBy: null, resolvedAt: null },
			)
			.where(eq(commentThreads.id, threadId))
			.run()
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: status === 'resolved' ? 'comment.thread_resolved' : 'comment.thread_reopened',
				subjectType: 'section',
				subjectId: thread.sectionId,
				data: { title: row.section.title, quote: excerpt(thread.quote), threadId },
			},
			now,
		)
		return { ok: true as const, changed: true }
	})
}
