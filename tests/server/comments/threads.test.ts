import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { activity, commentMentions, taskForces } from '#db/schema/index.ts'
import { deleteComment, editComment, setThreadStatus } from '#server/comments/comment-changes.server.ts'
import { listSectionThreads } from '#server/comments/panel.server.ts'
import { setObserversMayComment } from '#server/comments/settings.server.ts'
import { COMMENT_LIMITS, replyToThread, startThread } from '#server/comments/threads.server.ts'
import type { Person } from '#server/policies/types.ts'
import { describeActivity } from '#shared/activity.ts'
import { commentBodySchema, startThreadSchema } from '#shared/validation/comments.ts'
import { createWorkflowSetting, NOW } from '../../factories/assignments.ts'
import { liveText } from '../../support/live-text.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const as = (user: { id: string }): Person => ({ id: user.id, isAdmin: false })
	const text = liveText(db)
	text.write(world.section.id, 'In the spring, residents were asked how they use the service.')
	const selection = text.select(world.section.id, 'residents were asked')
	const start = (who: { id: string }, body = 'Which survey is this from?', mentionIds: string[] = []) =>
		startThread(
			{ db, collab: text.collab },
			as(who),
			world.section.id,
			{ ...selection, body, mentionIds },
			NOW,
		)
	const thrown = (fn: () => unknown) => {
		try {
			fn()
		} catch (error) {
			return (error as Response).status
		}
		return 'nothing thrown'
	}
	return { db, world, as, start, thrown, text, selection, people: world.people }
}

test('a member of another subcommittee comments on a section, the lead replies mentioning a writer, and the thread reads in order', () => {
	const { db, world, as, start, people } = setting()
	const started = start(people.outsider)
	if (!started.ok) throw new Error(started.message)
	const reply = replyToThread(
		db,
		as(people.lead),
		started.threadId,
		{ body: 'The 2024 resident survey; Sam has the link.', mentionIds: [people.writer.id] },
		NOW + 1,
	)
	expect(reply).toMatchObject({ ok: true })
	const [thread] = listSectionThreads(db, world.section.id)
	expect(thread).toMatchObject({
		quote: 'residents were asked',
		status: 'open',
		createdBy: people.outsider.id,
	})
	expect(thread?.comments.map((comment) => [comment.author, comment.body])).toEqual([
		['Miguel Kim', 'Which survey is this from?'],
		['Renée Okafor', 'The 2024 resident survey; Sam has the link.'],
	])
	expect(db.select().from(commentMentions).all()).toEqual([
		{ commentId: reply.ok ? reply.commentId : '', userId: people.writer.id },
	])
	const entries = db.select().from(activity).orderBy(activity.at).all()
	expect(entries.map((entry) => describeActivity(entry.verb, entry.data))).toEqual([
		'commented on “residents were asked” in the section “Community engagement”',
		'replied to the comment on “residents were asked” in the section “Community engagement”',
	])
})

test('observers read but do not comment until the task force lets them; outsiders get 404; a published record takes no comments', () => {
	const { db, world, as, start, thrown, people } = setting()
	expect(thrown(() => start(people.observer))).toBe(403)
	// A lead may not open commenting to observers; a co-chair may, and it is recorded once.
	const allow = (who: { id: string }) => setObserversMayComment(db, as(who), world.taskForce.id, true, NOW)
	expect(thrown(() => allow(people.lead))).toBe(403)
	expect(allow(people.chair)).toEqual({ ok: true, changed: true })
	expect(allow(people.otherChair)).toEqual({ ok: true, changed: false })
	const recorded = db
		.select()
		.from(activity)
		.where(eq(activity.verb, 'task_force.observer_comments_changed'))
		.all()
	expect(recorded.map((entry) => describeActivity(entry.verb, entry.data))).toEqual(['let observers comment'])
	expect(start(people.observer)).toMatchObject({ ok: true })
	expect(thrown(() => start(people.stranger))).toBe(404)
	db.update(taskForces).set({ status: 'published' }).where(eq(taskForces.id, world.taskForce.id)).run()
	expect(thrown(() => start(people.chair))).toBe(403)
	expect(listSectionThreads(db, world.section.id)).toHaveLength(1)
})

test('whoever started a thread, or may write the text, resolves and reopens it; others may not', () => {
	const { db, as, start, thrown, people } = setting()
	const started = start(people.outsider)
	if (!started.ok) throw new Error(started.message)
	let at = NOW
	const resolve = (who: { id: string }, status: 'open' | 'resolved') =>
		setThreadStatus(db, as(who), started.threadId, status, ++at)
	// Another member who did not start it and may not write this section: no.
	expect(thrown(() => resolve(people.observer, 'resolved'))).toBe(403)
	// The owning writer may write the text in the writing phase.
	expect(resolve(people.writer, 'resolved')).toEqual({ ok: true, changed: true })
	expect(resolve(people.writer, 'resolved')).toEqual({ ok: true, changed: false })
	expect(resolve(people.outsider, 'open')).toEqual({ ok: true, changed: true })
	expect(resolve(people.chair, 'resolved')).toEqual({ ok: true, changed: true })
	const verbs = db
		.select({ verb: activity.verb })
		.from(activity)
		.orderBy(activity.at)
		.all()
		.map((row) => row.verb)
	expect(verbs.filter((verb) => verb.startsWith('comment.thread_r'))).toEqual([
		'comment.thread_resolved',
		'comment.thread_reopened',
		'comment.thread_resolved',
	])
})

test('only its author edits or deletes a comment; a deleted comment keeps its place; a mention of a non-member is refused', () => {
	const { db, world, as, start, thrown, people } = setting()
	const started = start(people.outsider)
	if (!started.ok) throw new Error(started.message)
	const edit = (who: { id: string }) =>
		editComment(
			db,
			as(who),
			started.commentId,
			{ body: 'Which survey, and which year?', mentionIds: [] },
			NOW + 2,
		)
	expect(thrown(() => edit(people.chair))).toBe(403)
	expect(edit(people.outsider)).toEqual({ ok: true })
	replyToThread(db, as(people.lead), started.threadId, { body: 'The 2024 one.', mentionIds: [] }, NOW + 3)
	expect(thrown(() => deleteComment(db, as(people.lead), started.commentId, NOW + 4))).toBe(403)
	expect(deleteComment(db, as(people.outsider), started.commentId, NOW + 4)).toEqual({ ok: true })
	const [thread] = listSectionThreads(db, world.section.id)
	expect(thread?.comments.map((comment) => [comment.body, comment.deletedAt !== null])).toEqual([
		['', true],
		['The 2024 one.', false],
	])
	expect(start(people.outsider, 'See this', [people.stranger.id])).toEqual({
		ok: false,
		status: 400,
		message: 'Mention only members of this task force.',
	})
	expect(listSectionThreads(db, world.section.id)).toHaveLength(1)
})

test('a comment form says what to fix: nothing selected, an empty or overlong comment, too many mentions', () => {
	const problems = (input: Record<string, unknown>) => {
		const parsed = startThreadSchema.safeParse(input)
		return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
	}
	const ends = { anchorFrom: 'AQID', anchorTo: 'AQIE' }
	expect(problems({ anchorFrom: '', anchorTo: 'AQIE', body: 'ok' })).toEqual([
		'Select the text to comment on in the editor, then choose Comment.',
	])
	expect(problems({ ...ends, anchorTo: '<script>', body: 'ok' })).toEqual([
		'Select the text again, then choose Comment.',
	])
	expect(problems({ ...ends, body: '   ' })).toEqual(['Write the comment.'])
	expect(problems({ ...ends, body: 'y'.repeat(10_001) })).toEqual([
		'Use at most 10,000 characters (this has 10,001).',
	])
	expect(problems({ ...ends, body: 'y', mentionIds: Array.from({ length: 21 }, (_, i) => `u${i}`) })).toEqual(
		['Mention at most 20 people in one comment.'],
	)
	expect(startThreadSchema.parse({ ...ends, body: ' y ' })).toEqual({
		...ends,
		body: 'y',
		mentionIds: [],
	})
	expect(commentBodySchema.safeParse({ body: '' }).error?.issues.map((issue) => issue.message)).toEqual([
		'Write the comment.',
	])
})

test('one person cannot pile up comments: a minute’s posts, a section’s open threads and a thread’s length are bounded', () => {
	const { db, as, start, people } = setting()
	// Posts within one minute, by one person: the next is refused with a wait; another person may post.
	for (let index = 0; index < COMMENT_LIMITS.commentsPerMinute; index++)
		expect(start(people.outsider, `Note ${index}`)).toMatchObject({ ok: true })
	expect(start(people.outsider)).toEqual({
		ok: false,
		status: 400,
		message: `You have posted ${COMMENT_LIMITS.commentsPerMinute} comments in the last minute. Wait a moment, then post again.`,
	})
	const other = start(people.lead)
	if (!other.ok) throw new Error(other.message)
	// Later, the same person posts again; a thread that is full asks for a new one.
	const later = (minutes: number, body = 'Later') =>
		replyToThread(db, as(people.outsider), other.threadId, { body, mentionIds: [] }, NOW + minutes * 60_000)
	let minute = 1
	let posted = 1
	while (posted < COMMENT_LIMITS.commentsPerThread) {
		for (let index = 0; index < 20 && posted < COMMENT_LIMITS.commentsPerThread; index++, posted++)
			expect(later(minute)).toMatchObject({ ok: true })
		minute += 2
	}
	expect(later(minute + 2)).toEqual({
		ok: false,
		status: 400,
		message: `This thread has ${COMMENT_LIMITS.commentsPerThread} comments. Start a new thread to go on.`,
	})
})

test('a section holds a bounded number of open threads; resolving one makes room', () => {
	const { db, world, as, people, text } = setting()
	const selection = text.select(world.section.id, 'residents')
	const open = (index: number) =>
		startThread(
			{ db, collab: text.collab },
			as(index % 2 === 0 ? people.outsider : people.writer),
			world.section.id,
			{ ...selection, body: `Point ${index}`, mentionIds: [] },
			NOW + index * 5_000,
		)
	let first = ''
	for (let index = 0; index < COMMENT_LIMITS.openThreadsPerSection; index++) {
		const started = open(index)
		if (!started.ok) throw new Error(started.message)
		first ||= started.threadId
	}
	const limit = COMMENT_LIMITS.openThreadsPerSection
	expect(open(limit)).toEqual({
		ok: false,
		status: 400,
		message: `This section has ${limit} open comments. Resolve some before starting another.`,
	})
	setThreadStatus(db, as(people.chair), first, 'resolved', NOW + limit * 5_000)
	expect(open(limit + 1)).toMatchObject({ ok: true })
})
