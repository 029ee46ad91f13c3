import { asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { comments, commentThreads, users } from '#db/schema/index.ts'
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
	const threads = listSectionThreads(db, sectionId).map((thread) => ({
		id: thread.id,
		quote: thread.quote,
		status: thread.status,
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
