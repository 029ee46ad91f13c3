import { and, count, eq, gt } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { commentMentions, comments, commentThreads } from '#db/schema/index.ts'
import type { CommentBodyInput, StartThreadInput } from '#shared/validation/comments.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { CollabFacade } from '../context.server.ts'
import { noticeComment } from '../notifications/comment-notices.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canComment } from '../policies/comment.server.ts'
import type { Person } from '../policies/types.ts'
import { ANCHOR_MAX_RUNS, decodeAnchorEnd, findAnchorRange } from './anchor.server.ts'
import {
	type CommentRefusal,
	checkMentions,
	excerpt,
	placeOf,
	refusal,
	threadOf,
} from './comment-place.server.ts'

/** Bounds on what one person can pile up: a page of threads must stay readable and cheap to show. */
export const COMMENT_LIMITS = { openThreadsPerSection: 300, commentsPerThread: 200, commentsPerMinute: 30 }

/** A refusal when `actor` has posted too much in the last minute, or the thread or section is full. */
function tooMuch(db: Db, actor: Person, now: number, place: { sectionId?: string; threadId?: string }) {
	const recent =
		db
			.select({ n: count() })
			.from(comments)
			.where(and(eq(comments.authorId, actor.id), gt(comments.createdAt, now - 60_000)))
			.get()?.n ?? 0
	if (recent >= COMMENT_LIMITS.commentsPerMinute)
		return refusal(`You have posted ${recent} comments in the last minute. Wait a moment, then post again.`)
	if (place.sectionId) {
		const open =
			db
				.select({ n: count() })
				.from(commentThreads)
				.where(and(eq(commentThreads.sectionId, place.sectionId), eq(commentThreads.status, 'open')))
				.get()?.n ?? 0
		if (open >= COMMENT_LIMITS.openThreadsPerSection)
			return refusal(`This section has ${open} open comments. Resolve some before starting another.`)
	}
	if (place.threadId) {
		const inThread =
			db.select({ n: count() }).from(comments).where(eq(comments.threadId, place.threadId)).get()?.n ?? 0
		if (inThread >= COMMENT_LIMITS.commentsPerThread)
			return refusal(`This thread has ${inThread} comments. Start a new thread to go on.`)
	}
	return null
}

function insertComment(
	db: Db,
	threadId: string,
	authorId: string,
	body: string,
	mentions: string[],
	now: number,
) {
	const id = createId()
	db.insert(comments).values({ id, threadId, authorId, body, createdAt: now }).run()
	if (mentions.length > 0)
		db.insert(commentMentions)
			.values(mentions.map((userId) => ({ commentId: id, userId })))
			.run()
	return id
}

/**
 * Whether `actor` may post in `sectionId` now (`canComment`; 403 otherwise), within the limits, to
 * the members they mention: the section's row and the checked mentions, or a refusal.
 */
function mayPost(
	db: Db,
	actor: Person,
	sectionId: string,
	now: number,
	place: { sectionId?: string; threadId?: string },
	mentionIds: readonly string[],
) {
	const { row, standing } = placeOf(db, actor, sectionId)
	authorize(canComment(actor, standing.membership, standing.state), 'You may read but not comment here.')
	const refused = tooMuch(db, actor, now, place) ?? checkMentions(db, row.taskForce.id, mentionIds)
	return Array.isArray(refused) ? { row, mentions: refused } : refused
}

/**
 * Starts a thread on a stretch of a section's text with its first comment: whoever may comment
 * (`canComment`, decided here; 403 otherwise). The thread's anchor mark goes on the live text in the
 * same step (`anchor.server.ts`), stored and broadcast to open editors like any edit, and the
 * quote is what the server reads there. Records `comment.thread_started`.
 */
export function startThread(
	services: { db: Db; collab: Pick<CollabFacade, 'changeDocument' | 'flush'> },
	actor: Person,
	sectionId: string,
	input: StartThreadInput,
	now: number,
): { ok: true; threadId: string; commentId: string } | CommentRefusal {
	const { db, collab } = services
	const from = decodeAnchorEnd(input.anchorFrom)
	const to = decodeAnchorEnd(input.anchorTo)
	const outcome = db.transaction(() => {
		const allowed = mayPost(db, actor, sectionId, now, { sectionId }, input.mentionIds)
		if ('ok' in allowed) return allowed
		const { row, mentions } = allowed
		const threadId = createId()
		const anchored = collab.changeDocument(
			sectionId,
			(doc) => {
				const range = from && to ? findAnchorRange(doc, from, to) : null
				if (range === null || range === 'too_long') return range
				range.mark(threadId)
				return range.quote
			},
			{ userId: actor.id },
		)
		if (!anchored) return refusal('The section’s text could not be opened just now. Try again in a moment.')
		const quote = anchored.value
		if (quote === null)
			return refusal('The text you selected has changed. Select it again, then choose Comment.')
		if (quote === 'too_long')
			return refusal(
				`Select at most ${ANCHOR_MAX_RUNS} paragraphs to comment on; comment on a shorter passage.`,
			)
		db.insert(commentThreads)
			.values({ id: threadId, sectionId, quote, createdBy: actor.id, createdAt: now })
			.run()
		const commentId = insertComment(db, threadId, actor.id, input.body, mentions, now)
		noticeComment(db, {
			taskForceId: row.taskForce.id,
			sectionId,
			sectionTitle: row.section.title,
			threadId,
			authorId: actor.id,
			body: input.body,
			mentionIds: mentions,
			reply: false,
			now,
		})
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'comment.thread_started',
				subjectType: 'section',
				subjectId: sectionId,
				data: { title: row.section.title, quote: excerpt(quote), threadId },
			},
			now,
		)
		return { ok: true as const, threadId, commentId }
	})
	// The anchor is stored (and sent to open editors) before the person is told the comment is posted.
	if (outcome.ok) collab.flush()
	return outcome
}

/** Replies to a thread, open or resolved: whoever may comment. Records `comment.replied`. */
export function replyToThread(
	db: Db,
	actor: Person,
	threadId: string,
	input: CommentBodyInput,
	now: number,
): { ok: true; commentId: string } | CommentRefusal {
	return db.transaction(() => {
		const thread = threadOf(db, threadId)
		const allowed = mayPost(db, actor, thread.sectionId, now, { threadId }, input.mentionIds)
		if ('ok' in allowed) return allowed
		const { row, mentions } = allowed
		noticeComment(db, {
			taskForceId: row.taskForce.id,
			sectionId: thread.sectionId,
			sectionTitle: row.section.title,
			threadId,
			authorId: actor.id,
			body: input.body,
			mentionIds: mentions,
			reply: true,
			now,
		})
		const commentId = insertComment(db, threadId, actor.id, input.body, mentions, now)
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'comment.replied',
				subjectType: 'section',
				subjectId: thread.sectionId,
				data: { title: row.section.title, quote: excerpt(thread.quote), threadId },
			},
			now,
		)
		return { ok: true as const, commentId }
	})
}
