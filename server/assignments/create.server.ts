import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { assignments } from '#db/schema/index.ts'
import type { AssignmentInput } from '#shared/validation/assignments.ts'
import { getPersonName } from '../accounts/names.server.ts'
import { recordActivity } from '../activity/record.server.ts'
import { assignmentFacts, noticeAssignmentChange } from '../notifications/assignment-notices.server.ts'
import { canCreateAssignment } from '../policies/assignment.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import type { Person } from '../policies/types.ts'
import { getSubcommittee } from '../subcommittees/subcommittee-page.server.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { getSection, isAssignable } from './records.server.ts'

/** A field the person must change, with the sentence shown next to it. */
export type FieldProblem = {
	kind: 'invalid'
	field: 'subcommitteeId' | 'sectionId' | 'assigneeId'
	message: string
}

type References = Pick<AssignmentInput, 'subcommitteeId' | 'sectionId' | 'assigneeId'>

/**
 * Checks the ids a form sent against the data: the subcommittee and section must be this task
 * force's, the assignee a member of that subcommittee. Returns the names for the activity log.
 */
export function checkReferences(db: Queryable, taskForceId: string, input: References) {
	const subcommittee = getSubcommittee(db, taskForceId, input.subcommitteeId)
	if (!subcommittee) {
		return problem('subcommitteeId', 'Choose one of the task force’s subcommittees.')
	}
	const section = input.sectionId ? getSection(db, taskForceId, input.sectionId) : null
	if (input.sectionId && !section) {
		return problem('sectionId', 'Choose a section of the task force’s document, or none.')
	}
	let assignee: string | null = null
	if (input.assigneeId) {
		assignee = getPersonName(db, input.assigneeId)
		if (!assignee || !isAssignable(db, taskForceId, subcommittee, input.assigneeId)) {
			return problem(
				'assigneeId',
				assignee
					? `${assignee} is not a member of ${subcommittee.name}. Choose someone from it, or leave it unassigned.`
					: `Choose someone from ${subcommittee.name}, or leave it unassigned.`,
			)
		}
	}
	return { kind: 'ok' as const, subcommittee, section, assignee }
}

function problem(field: FieldProblem['field'], message: string): FieldProblem {
	return { kind: 'invalid', field, message }
}

/**
 * Creates an assignment (status "to do") and records `assignment.created` {title}: co-chairs, and
 * the lead of the chosen subcommittee (`canCreateAssignment`, decided here; 403 otherwise). An id
 * that does not belong to the task force comes back as a field problem.
 */
export function createAssignment(
	db: Db,
	{
		taskForceId,
		actor,
		input,
		now,
	}: { taskForceId: string; actor: Person; input: AssignmentInput; now: number },
): FieldProblem | { kind: 'created'; id: string } {
	const actorId = actor.id
	return db.transaction((tx) => {
		const { membership, state } = standingIn(db, taskForceId, actor.id)
		authorize(
			canCreateAssignment(membership, state, input.subcommitteeId),
			'You can create assignments only in subcommittees you lead.',
		)
		const references = checkReferences(tx, taskForceId, input)
		if (references.kind !== 'ok') return references
		const id = createId()
		tx.insert(assignments)
			.values({
				id,
				taskForceId,
				subcommitteeId: input.subcommitteeId,
				sectionId: input.sectionId ?? null,
				assigneeId: input.assigneeId ?? null,
				phaseKind: input.phaseKind,
				title: input.title,
				details: input.details,
				dueOn: input.dueOn,
				status: 'todo',
				createdBy: actorId,
				createdAt: now,
				updatedAt: now,
				updatedBy: actorId,
			})
			.run()
		recordActivity(
			tx,
			{
				taskForceId,
				actorId,
				verb: 'assignment.created',
				subjectType: 'assignment',
				subjectId: id,
				data: { title: input.title },
			},
			now,
		)
		const after = assignmentFacts(tx, id)
		if (after) noticeAssignmentChange(tx, { before: null, after, actorId, now })
		return { kind: 'created' as const, id }
	})
}
