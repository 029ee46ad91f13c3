import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { assignments } from '#db/schema/index.ts'
import type { AssignmentEditInput } from '#shared/validation/assignments.ts'
import { recordActivity } from '../activity/record.server.ts'
import { assignmentFacts, noticeAssignmentChange } from '../notifications/assignment-notices.server.ts'
import { assignmentAccess, canCreateAssignment } from '../policies/assignment.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { checkReferences, type FieldProblem } from './create.server.ts'
import { getAssignmentDetail } from './records.server.ts'
import { type Conflict, statusColumns } from './status.server.ts'

/** Long text is shortened in the activity log: the log says that it changed, the page holds it. */
const LOGGED_TEXT_MAX = 280

function logged(value: string | null): string | null {
	if (value === null || value.length <= LOGGED_TEXT_MAX) return value
	return `${value.slice(0, LOGGED_TEXT_MAX - 1)}…`
}

export type UpdateOutcome =
	| { kind: 'not_found' }
	| Conflict
	| FieldProblem
	| { kind: 'unchanged' }
	| { kind: 'saved'; title: string }

type Change = { from: unknown; to: unknown }

/**
 * Saves the full edit form: co-chairs and the subcommittee's lead (`assignmentAccess` 'edit'; 403
 * otherwise), who may move the work only to a subcommittee where they could create it. Refused as
 * a conflict when the row's revision is no longer the one the form was opened at. Records
 * `assignment.updated` {title, changes: {field: {from, to}}} — names, not ids, so the log reads
 * without the data — and `assignment.status_changed` {title, from, to, reason?} when the status moved.
 */
export function updateAssignment(
	db: Db,
	{
		taskForceId,
		actor,
		assignmentId,
		input,
		now,
	}: {
		taskForceId: string
		actor: Person
		assignmentId: string
		input: AssignmentEditInput
		now: number
	},
): UpdateOutcome {
	const actorId = actor.id
	return db.transaction((tx): UpdateOutcome => {
		const before = getAssignmentDetail(tx, taskForceId, assignmentId)
		if (!before) return { kind: 'not_found' }
		const factsBefore = assignmentFacts(tx, assignmentId)
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		authorize(
			assignmentAccess(actor, membership, state, before) === 'edit',
			'Only co-chairs and the lead of its subcommittee can edit this assignment.',
		)
		const canMoveTo = (subcommitteeId: string) => canCreateAssignment(membership, state, subcommitteeId)
		if (before.revision !== input.revision) return { kind: 'conflict', by: before.updatedBy, current: before }
		const references = checkReferences(tx, taskForceId, input)
		if (references.kind !== 'ok') return references
		if (input.subcommitteeId !== before.subcommitteeId && !canMoveTo(input.subcommitteeId)) {
			return {
				kind: 'invalid',
				field: 'subcommitteeId',
				message: 'You can move it only to a subcommittee you lead.',
			}
		}

		const status = statusColumns(before, input.status, input.blockedReason, now)
		const changes: Record<string, Change> = {}
		const note = (field: string, from: unknown, to: unknown) => {
			if (from !== to) changes[field] = { from, to }
		}
		note('title', before.title, input.title)
		note('details', logged(before.details), logged(input.details))
		note('subcommittee', before.subcommittee, references.subcommittee.name)
		note('section', before.section, references.section?.title ?? null)
		note('assignee', before.assignee, references.assignee)
		note('phase', before.phaseKind, input.phaseKind)
		note('dueOn', before.dueOn, input.dueOn)
		// A new reason for a block that stays is an edit; a reason given on blocking goes with the status change.
		if (before.status === 'blocked' && input.status === 'blocked') {
			note('blockedReason', before.blockedReason, status.blockedReason)
		}
		const statusMoved = before.status !== input.status
		if (Object.keys(changes).length === 0 && !statusMoved) return { kind: 'unchanged' }

		const result = tx
			.update(assignments)
			.set({
				title: input.title,
				details: input.details,
				subcommitteeId: input.subcommitteeId,
				sectionId: input.sectionId ?? null,
				assigneeId: input.assigneeId ?? null,
				phaseKind: input.phaseKind,
				dueOn: input.dueOn,
				...status,
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
		if (Object.keys(changes).length > 0) {
			recordActivity(tx, { ...entry, verb: 'assignment.updated', data: { title: input.title, changes } }, now)
		}
		if (statusMoved) {
			const reason = status.blockedReason
			recordActivity(
				tx,
				{
					...entry,
					verb: 'assignment.status_changed',
					data: { title: input.title, from: before.status, to: input.status, ...(reason ? { reason } : {}) },
				},
				now,
			)
		}
		return { kind: 'saved', title: input.title }
	})
}

/**
 * Deletes an assignment and records `assignment.deleted` {title}: co-chairs and the subcommittee's
 * lead (403 otherwise). Null when there is no such assignment.
 */
export function deleteAssignment(
	db: Db,
	{
		taskForceId,
		actor,
		assignmentId,
		now,
	}: { taskForceId: string; actor: Person; assignmentId: string; now: number },
): { title: string } | null {
	const actorId = actor.id
	return db.transaction((tx) => {
		const before = getAssignmentDetail(tx, taskForceId, assignmentId)
		if (!before) return null
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		authorize(
			assignmentAccess(actor, membership, state, before) === 'edit',
			'Only co-chairs and the lead of its subcommittee can delete this assignment.',
		)
		tx.delete(assignments).where(eq(assignments.id, assignmentId)).run()
		recordActivity(
			tx,
			{
				taskForceId,
				actorId,
				verb: 'assignment.deleted',
				subjectType: 'assignment',
				subjectId: assignmentId,
				data: { title: before.title },
			},
			now,
		)
		return { title: before.title }
	})
}
