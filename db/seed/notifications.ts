import { formatDate } from '#shared/dates.ts'
import type * as t from '../schema/index.ts'
import type { Random } from './random.ts'

type Notification = typeof t.notifications.$inferInsert
type Assignment = typeof t.assignments.$inferInsert

const HOUR = 3_600_000

/** Each person's newest items stay unread, so the header's count and the inbox show their use. */
const UNREAD_PER_PERSON = 2

/**
 * The inbox a demo account would have by now, in the shapes `notify` writes: each assignee told of
 * the open work assigned to them, each creator of blocked or finished work told of it, whoever
 * started a seeded comment thread told of the co-chair's reply, every member (but the co-chair who
 * did it) told that writing began. Delivery is "off": these were never emailed, and no digest
 * picks them up.
 */
export function demoNotifications(options: {
	random: Random
	taskForceId: string
	slug: string
	now: number
	memberIds: readonly string[]
	coChairId: string
	writingBeganAt: number
	assignments: readonly Assignment[]
	replies: ReadonlyArray<{
		userId: string
		replierName: string
		sectionId: string
		sectionTitle: string
		at: number
	}>
}): Notification[] {
	const { random, taskForceId, slug, now } = options
	const rows: Notification[] = []
	const add = (item: Omit<Notification, 'id' | 'taskForceId' | 'delivery' | 'readAt' | 'digestedAt'>) => {
		if (item.createdAt <= now) rows.push({ id: random.id(), taskForceId, delivery: 'off', ...item })
	}
	for (const reply of options.replies) {
		add({
			userId: reply.userId,
			kind: 'thread_reply',
			title: `${reply.replierName} replied in “${reply.sectionTitle}”`,
			path: `/t/${slug}/sections/${reply.sectionId}#comments`,
			createdAt: reply.at,
		})
	}
	for (const userId of options.memberIds) {
		if (userId === options.coChairId) continue
		add({
			userId,
			kind: 'phase_changed',
			title: 'Writing has begun',
			body: "Research is complete. The timeline shows this phase's milestones and gate.",
			path: `/t/${slug}/timeline`,
			createdAt: options.writingBeganAt,
		})
	}
	for (const assignment of options.assignments) {
		const path = `/t/${slug}/assignments/${assignment.id}`
		const createdAt = assignment.createdAt as number
		if (
			assignment.assigneeId &&
			assignment.status !== 'done' &&
			assignment.assigneeId !== assignment.createdBy
		)
			add({
				userId: assignment.assigneeId,
				kind: 'assignment_assigned',
				title: `Assigned to you: ${assignment.title}`,
				body: assignment.dueOn ? `Due ${formatDate(assignment.dueOn)}.` : 'No due date.',
				path,
				createdAt,
			})
		if (
			assignment.createdBy &&
			assignment.createdBy !== assignment.assigneeId &&
			(assignment.status === 'done' || assignment.status === 'blocked')
		) {
			const done = assignment.status === 'done'
			add({
				userId: assignment.createdBy,
				kind: 'assignment_changed',
				title: `${done ? 'Done' : 'Blocked'}: ${assignment.title}`,
				body: done ? 'The work you created is done.' : 'The work you created is blocked.',
				path,
				createdAt: (assignment.completedAt as number | null) ?? createdAt + 5 * 24 * HOUR,
			})
		}
	}
	const newestFirst = [...rows].sort((a, b) => b.createdAt - a.createdAt)
	const unread = new Map<string, number>()
	for (const row of newestFirst) {
		const seen = unread.get(row.userId) ?? 0
		unread.set(row.userId, seen + 1)
		// Older ones were read a couple of hours after they came.
		row.readAt = seen < UNREAD_PER_PERSON ? null : row.createdAt + 2 * HOUR
	}
	return rows
}
