import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { comments, commentThreads, taskForces, users } from '#db/schema/index.ts'
import { notify } from './notify.server.ts'

const EXCERPT = 200

/**
 * Who hears of a new comment, in its transaction: the people it @mentions (`mention`), and on a
 * reply everyone else already in the thread (`thread_reply`) — each told once, never the author.
 */
export function noticeComment(
	db: Queryable,
	input: {
		taskForceId: string
		sectionId: string
		sectionTitle: string
		threadId: string
		authorId: string
		body: string
		mentionIds: readonly string[]
		reply: boolean
		now: number
	},
): void {
	const author = db.select({ name: users.name }).from(users).where(eq(users.id, input.authorId)).get()
	const authorName = author?.name ?? 'Someone'
	const slug = db
		.select({ slug: taskForces.slug })
		.from(taskForces)
		.where(eq(taskForces.id, input.taskForceId))
		.get()
	const common = {
		actorId: input.authorId,
		taskForceId: input.taskForceId,
		path: `/t/${slug?.slug ?? ''}/sections/${input.sectionId}#comments`,
		body: input.body.length > EXCERPT ? `${input.body.slice(0, EXCERPT)}…` : input.body,
		now: input.now,
	}
	notify(db, {
		...common,
		userIds: input.mentionIds,
		kind: 'mention',
		title: `${authorName} mentioned you in “${input.sectionTitle}”`,
	})
	if (!input.reply) return
	const thread = db
		.select({ createdBy: commentThreads.createdBy })
		.from(commentThreads)
		.where(eq(commentThreads.id, input.threadId))
		.get()
	const authors = db
		.selectDistinct({ authorId: comments.authorId })
		.from(comments)
		.where(eq(comments.threadId, input.threadId))
		.all()
		.map((row) => row.authorId)
	const mentioned = new Set(input.mentionIds)
	const participants = [thread?.createdBy, ...authors].filter(
		(id): id is string => typeof id === 'string' && !mentioned.has(id),
	)
	notify(db, {
		...common,
		userIds: participants,
		kind: 'thread_reply',
		title: `${authorName} replied in “${input.sectionTitle}”`,
	})
}
