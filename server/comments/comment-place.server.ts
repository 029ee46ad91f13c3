import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { commentThreads, memberships } from '#db/schema/index.ts'
import { notFound } from '../http/responses.server.ts'
import type { Person, Standing } from '../policies/types.ts'
import { directLookups } from '../sections/section-access.server.ts'
import { standingIn } from '../task-forces/membership.server.ts'

// What posting and changing comments share: where a comment is, who stands there, the mentions it
// may carry, and the refusals they answer with.

/** A refusal a person can act on, shown next to the comment form. */
export type CommentRefusal = { ok: false; status: 400; message: string }

/** Activity keeps the start of a quote or comment: the thread holds the rest. */
const LOGGED_CHARS = 140

export function excerpt(text: string): string {
	return text.length <= LOGGED_CHARS ? text : `${text.slice(0, LOGGED_CHARS - 1)}…`
}

/**
 * The section, its task force and the actor's standing there, read inside the caller's transaction.
 * A section that does not exist, or of a task force the actor is not in, is "not found" (404).
 */
export function placeOf(db: Db, actor: Person, sectionId: string) {
	const row = directLookups(db).section(sectionId)
	if (!row) throw notFound()
	const standing: Standing = standingIn(db, row.taskForce.id, actor.id)
	if (!standing.membership) throw notFound()
	const section = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	return { row, standing, section }
}

export function threadOf(db: Db, threadId: string) {
	const thread = db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).get()
	if (!thread) throw notFound()
	return thread
}

/** The mentioned people, if every one is a member of the task force; else a refusal naming the fix. */
export function checkMentions(
	db: Db,
	taskForceId: string,
	ids: readonly string[],
): string[] | CommentRefusal {
	const unique = [...new Set(ids)]
	if (unique.length === 0) return []
	const found = db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, taskForceId), inArray(memberships.userId, unique)))
		.all()
	if (found.length !== unique.length) return refusal('Mention only members of this task force.')
	return unique
}

export function refusal(message: string): CommentRefusal {
	return { ok: false, status: 400, message }
}
