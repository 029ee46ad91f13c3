import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { assignments, taskForces } from '#db/schema/index.ts'
import { formatDate } from '#shared/dates.ts'
import type { AssignmentStatus } from '#shared/domain.ts'
import { notify } from './notify.server.ts'

type AssignmentFacts = {
	id: string
	taskForceId: string
	title: string
	assigneeId: string | null
	createdBy: string | null
	dueOn: string | null
	status: AssignmentStatus
}

/** An assignment as notices need it, read in the caller's transaction (after its change). */
export function assignmentFacts(db: Queryable, id: string): AssignmentFacts | null {
	return (
		db
			.select({
				id: assignments.id,
				taskForceId: assignments.taskForceId,
				title: assignments.title,
				assigneeId: assignments.assigneeId,
				createdBy: assignments.createdBy,
				dueOn: assignments.dueOn,
				status: assignments.status,
			})
			.from(assignments)
			.where(eq(assignments.id, id))
			.get() ?? null
	)
}

function path(db: Queryable, facts: AssignmentFacts): string {
	const slug = db
		.select({ slug: taskForces.slug })
		.from(taskForces)
		.where(eq(taskForces.id, facts.taskForceId))
		.get()
	return `/t/${slug?.slug ?? ''}/assignments/${facts.id}`
}

/**
 * The notices an assignment's change causes, comparing it before and after (`before` null for a
 * new one), in the change's transaction: its new assignee is told it is theirs and the previous
 * one that it is not any more; the assignee hears of a new due date; whoever created it hears when
 * it is blocked or done. The person who made the change is never told of their own change.
 */
export function noticeAssignmentChange(
	db: Queryable,
	input: { before: AssignmentFacts | null; after: AssignmentFacts; actorId: string; now: number },
): void {
	const { before, after, actorId, now } = input
	const common = { actorId, taskForceId: after.taskForceId, path: path(db, after), now }
	const due = after.dueOn ? `Due ${formatDate(after.dueOn)}.` : 'No due date.'
	if (after.assigneeId && after.assigneeId !== before?.assigneeId) {
		notify(db, {
			...common,
			userIds: [after.assigneeId],
			kind: 'assignment_assigned',
			title: `Assigned to you: ${after.title}`,
			body: due,
		})
	}
	if (before?.assigneeId && before.assigneeId !== after.assigneeId) {
		notify(db, {
			...common,
			userIds: [before.assigneeId],
			kind: 'assignment_assigned',
			title: `No longer yours: ${after.title}`,
			body: 'It was assigned to someone else or left unassigned.',
		})
	}
	if (before && after.assigneeId && after.assigneeId === before.assigneeId && after.dueOn !== before.dueOn) {
		notify(db, {
			...common,
			userIds: [after.assigneeId],
			kind: 'assignment_changed',
			title: `New due date: ${after.title}`,
			body: due,
		})
	}
	if (before && after.status !== before.status && (after.status === 'blocked' || after.status === 'done')) {
		notify(db, {
			...common,
			userIds: after.createdBy ? [after.createdBy] : [],
			kind: 'assignment_changed',
			title: `${after.status === 'done' ? 'Done' : 'Blocked'}: ${after.title}`,
			body: after.status === 'done' ? 'The work you created is done.' : 'The work you created is blocked.',
		})
	}
}
