import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { commentMentions, comments, commentThreads, sections, users } from '#db/schema/index.ts'
import { formatDateTime } from '#shared/dates.ts'
import { canChangeComment, canComment, canResolveThread } from '../policies/comment.server.ts'
import type { Person } from '../policies/types.ts'
import { directLookups } from '../sections/section-access.server.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/**
 * What the section page's Comments panel shows `person`: every thread with its comments (open ones
 * first), and what the person may do with each — asked of the same policy the operations check.
 * Null when there is no such section for them.
 */
export function getCommentPanel(db: Db, person: Person, sectionId: string, timeZone: string) {
	const row = directLookups(db).section(sectionId)
	if (!row) return null
	const { membership, state } = standingIn(db, row.taskForce.id, person.id)
	if (!membership) return null
	const section = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	const mentions = mentionsIn(db, sectionId)
	const mentionsMe = (commentId: string) => mentions.get(commentId)?.includes(person.id) ?? false
	const threads = listSectionThreads(db, sectionId).map((thread) => ({
		id: thread.id,
		quote: thread.quote,
		status: thread.status,
		// "Mine": started by the person or with a comment of theirs; for the panel's filters.
		mine: thread.createdBy === person.id || thread.comments.some((comment) => comment.authorId === person.id),
		mentionsMe: thread.comments.some((comment) => mentionsMe(comment.id)),
		detached: thread.detachedAt !== null,
		canResolve: canResolveThread(person, membership, state, section, thread),
		comments: thread.comments.map((comment) => ({
			id: comment.id,
			author: comment.author ?? 'A former member',
			body: comment.body,
			when: formatDateTime(comment.createdAt, timeZone),
			edited: comment.editedAt !== null,
			deleted: comment.deletedAt !== null,
			mine: comment.deletedAt === null && canChangeComment(person, membership, state, comment),
			mentionIds: mentions.get(comment.id) ?? [],
		})),
	}))
	return {
		canComment: canComment(person, membership, state),
		threads: [...threads.filter((t) => t.status === 'open'), ...threads.filter((t) => t.status !== 'open')],
	}
}

/** A section's threads, oldest first, each with its comments in order and their authors' names. */
export function listSectionThreads(db: Db, sectionId: string) {
	const threads = db
		.select()
		.from(commentThreads)
		.where(eq(commentThreads.sectionId, sectionId))
		.orderBy(asc(commentThreads.createdAt), asc(commentThreads.id))
		.all()
	if (threads.length === 0) return []
	const rows = db
		.select({
			id: comments.id,
			threadId: comments.threadId,
			authorId: comments.authorId,
			author: users.name,
			body: comments.body,
			createdAt: comments.createdAt,
			editedAt: comments.editedAt,
			deletedAt: comments.deletedAt,
		})
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(
			inArray(
				comments.threadId,
				threads.map((thread) => thread.id),
			),
		)
		.orderBy(asc(comments.createdAt), asc(comments.id))
		.all()
	return threads.map((thread) => ({ ...thread, comments: rows.filter((row) => row.threadId === thread.id) }))
}

/** Whom each of a section's comments mentions: comment id → user ids. */
function mentionsIn(db: Db, sectionId: string): Map<string, string[]> {
	const rows = db
		.select({ commentId: commentMentions.commentId, userId: commentMentions.userId })
		.from(commentMentions)
		.innerJoin(comments, eq(comments.id, commentMentions.commentId))
		.innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
		.where(eq(commentThreads.sectionId, sectionId))
		.all()
	const byComment = new Map<string, string[]>()
	for (const row of rows) byComment.set(row.commentId, [...(byComment.get(row.commentId) ?? []), row.userId])
	return byComment
}

/** At most this many threads in a document's comment list: the newest, with a count of the rest. */
const DOCUMENT_THREADS_SHOWN = 100

/**
 * A document's comment threads for its page, newest activity first: the open ones, or — with
 * `mentioning` — every thread (open or resolved) with a comment that mentions `userId`. Each with
 * its section, quote, and latest comment. Sections taken off the outline are left out.
 */
export function listDocumentThreads(
	db: Db,
	documentId: string,
	filter: { mentioning: string } | { open: true },
) {
	const latest = db
		.select({
			threadId: comments.threadId,
			at: sql<number>`max(${comments.createdAt})`.as('at'),
		})
		.from(comments)
		.groupBy(comments.threadId)
		.as('latest')
	const where =
		'open' in filter
			? eq(commentThreads.status, 'open')
			: inArray(
					commentThreads.id,
					db
						.select({ id: comments.threadId })
						.from(commentMentions)
						.innerJoin(comments, eq(comments.id, commentMentions.commentId))
						.where(eq(commentMentions.userId, filter.mentioning)),
				)
	const threads = db
		.select({
			id: commentThreads.id,
			quote: commentThreads.quote,
			status: commentThreads.status,
			sectionId: sections.id,
			section: sections.title,
			lastAt: latest.at,
		})
		.from(commentThreads)
		.innerJoin(sections, eq(sections.id, commentThreads.sectionId))
		.innerJoin(latest, eq(latest.threadId, commentThreads.id))
		.where(and(eq(sections.documentId, documentId), isNull(sections.removedAt), where))
		.orderBy(desc(latest.at), asc(commentThreads.id))
		.limit(DOCUMENT_THREADS_SHOWN + 1)
		.all()
	return { threads: threads.slice(0, DOCUMENT_THREADS_SHOWN), more: threads.length > DOCUMENT_THREADS_SHOWN }
}
