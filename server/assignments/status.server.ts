import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { assignments } from '#db/schema/index.ts'
import type { AssignmentStatus } from '#shared/domain.ts'
import { recordActivity } from '../activity/record.server.ts'
import { assignmentFacts, noticeAssignmentChange } from '../notifications/assignment-notices.server.ts'
import { assignmentAccess } from '../policies/assignment.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { type AssignmentDetail, getAssignmentDetail } from './records.server.ts'

/** Someone else saved since the form was opened: who, and what the assignment looks like now. */
export type Conflict = { kind: 'conflict'; by: string | null; current: AssignmentDetail }

/** "Changed by Dana Whitfield since you opened it." */
export function conflictMessage(conflict: Conflict): string {
	return `Changed by ${conflict.by ?? 'someone else'} since you opened it. Its current values are shown above; your changes are still in the form — check them and save again to replace them.`
}

/**
 * The columns that follow from a status: a blocked assignment keeps why (and only while blocked);
 * a done one keeps when it was finished (kept when it stays done, cleared when it leaves).
 */
export function statusColumns(
	before: { status: AssignmentStatus; completedAt: number | null },
	to: AssignmentStatus,
	blockedReason: string | undefined,
	now: number,
) {
	return {
		status: to,
		blockedReason: to === 'blocked' ? (blockedReason ?? null) : null,
		completedAt: to === 'done' ? (before.status === 'done' ? before.completedAt : now) : null,
	}
}

export type StatusOutcome =
	| { kind: 'not_found' }
	| Conflict
	| { kind: 'unchanged'; title: string }
	| { kind: 'changed'; title: string; from: AssignmentStatus; to: AssignmentStatus }

/**
 * Moves an assignment to another status. `expected` is what the person saw: the edit page sends
 * the revision it was opened at, the board the status the card showed (so an unrelated edit of
 * the title does not refuse a move). Records `assignment.status_changed` {title, from, to, reason?},
 * or `assignment.updated` when only a blocked item's reason changes. Its assignee, the lead of its
 * subcommittee and co-chairs may (`assignmentAccess`; 403 otherwise).
 */
export function changeAssignmentStatus(
	db: Db,
	{
		taskForceId,
		actor,
		assignmentId,
		status,
		blockedReason,
		expected,
		now,
	}: {
		taskForceId: string
		actor: Person
		assignmentId: string
		status: AssignmentStatus
		blockedReason?: string
		expected: { revision?: number; status?: AssignmentStatus }
		now: number
	},
): StatusOutcome {
	const actorId = actor.id
	return db.transaction((tx): StatusOutcome => {
		const before = getAssignmentDetail(tx, taskForceId, assignmentId)
		if (!before) return { kind: 'not_found' }
		const factsBefore = assignmentFacts(tx, assignmentId)
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		authorize(
			assignmentAccess(actor, membership, state, before) !== 'none',
			'Only its assignee, the lead of its subcommittee and co-chairs can change its status.',
		)
		const reason = status === 'blocked' ? (blockedReason ?? null) : null
		const same = before.status === status && (status !== 'blocked' || before.blockedReason === reason)
		// Asking again for what is already so (a resubmitted form, two people agreeing) is no conflict.
		if (same) return { kind: 'unchanged', title: before.title }
		const stale =
			(expected.revision !== undefined && expected.revision !== before.revision) ||
			(expected.status !== undefined && expected.status !== before.status)
		if (stale) return { kind: 'conflict', by: before.updatedBy, current: before }

		const result = tx
			.update(assignments)
			.set({
				...statusColumns(before, status, blockedReason, now),
				revision: before.revision + 1,
				updatedAt: now,
				updatedBy: actorId,
			})
			.where(and(eq(assignments.id, assignmentId), eq(assignments.revision, before.revision)))
			.run()
		if (result.changes !== 1) return { kind: 'conflict', by: before.updatedBy, current: before }

		const entry = { taskForceId, actorId, subjectType: 'assignment', subjectId: assignmentId }
		const factsAfter = assignmentFacts(tx, assignmentId)
		if (factsAfter) noticeAssignmentChange(tx, { before: factsBefore, after: factsAfter, actorId, now })
		if (before.status === status) {
			recordActivity(
				tx,
				{
					...entry,
					verb: 'assignment.updated',
					data: {
						title: before.title,
						changes: { blockedReason: { from: before.blockedReason, to: reason } },
					},
				},
				now,
			)
		} else {
			recordActivity(
				tx,
				{
					...entry,
					verb: 'assignment.status_changed',
					data: { title: before.title, from: before.status, to: status, ...(reason ? { reason } : {}) },
				},
				now,
			)
		}
		return { kind: 'changed', title: before.title, from: before.status, to: status }
	})
}
