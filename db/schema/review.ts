import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { REVIEW_DECISIONS, THREAD_STATUSES } from '#shared/domain.ts'
import { sections } from './documents.ts'
import { users } from './people.ts'

/**
 * A conversation about a stretch of a section's text. The text itself carries only the thread's id
 * (a mark in the Yjs document, issue #13); everything else is here, so a thread outlives the text it
 * was on: `quote` keeps the words it was started on, and `detachedAt` says when they were deleted.
 */
export const commentThreads = sqliteTable(
	'comment_threads',
	{
		id: text().primaryKey(),
		sectionId: text()
			.notNull()
			.references(() => sections.id, { onDelete: 'cascade' }),
		/** The words the thread was started on, as the person saw them. */
		quote: text().notNull(),
		status: text({ enum: THREAD_STATUSES }).notNull().default('open'),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer().notNull(),
		resolvedBy: text().references(() => users.id, { onDelete: 'set null' }),
		resolvedAt: integer(),
		/** When the anchored text was found deleted; null while it is in the text. */
		detachedAt: integer(),
	},
	(t) => [index('comment_threads_section_status_idx').on(t.sectionId, t.status)],
)

/** One message of a thread: the first opens it, the rest reply. A deleted one keeps its place. */
export const comments = sqliteTable(
	'comments',
	{
		id: text().primaryKey(),
		threadId: text()
			.notNull()
			.references(() => commentThreads.id, { onDelete: 'cascade' }),
		authorId: text().references(() => users.id, { onDelete: 'set null' }),
		body: text().notNull(),
		createdAt: integer().notNull(),
		editedAt: integer(),
		deletedAt: integer(),
	},
	(t) => [index('comments_thread_created_idx').on(t.threadId, t.createdAt)],
)

/** Who a comment mentions (members of the task force, checked when it is written). */
export const commentMentions = sqliteTable(
	'comment_mentions',
	{
		commentId: text()
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
	},
	(t) => [primaryKey({ columns: [t.commentId, t.userId] }), index('comment_mentions_user_idx').on(t.userId)],
)

/**
 * A review of a section asked of one person: the lead or a co-chair requests it; the reviewer
 * answers approve or changes requested, with a note. Asking the same person again clears their
 * answer (a new round), so there is one row per section and reviewer.
 */
export const sectionReviews = sqliteTable(
	'section_reviews',
	{
		sectionId: text()
			.notNull()
			.references(() => sections.id, { onDelete: 'cascade' }),
		reviewerId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		requestedBy: text().references(() => users.id, { onDelete: 'set null' }),
		requestedAt: integer().notNull(),
		decision: text({ enum: REVIEW_DECISIONS }),
		note: text(),
		decidedAt: integer(),
	},
	(t) => [
		primaryKey({ columns: [t.sectionId, t.reviewerId] }),
		index('section_reviews_reviewer_idx').on(t.reviewerId),
	],
)
