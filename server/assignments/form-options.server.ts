import type { Db } from '#db/client.server.ts'
import { canCreateAssignment } from '../policies/assignment.server.ts'
import { listSubcommittees } from '../subcommittees/lists.server.ts'
import type { TaskForceRequest } from '../task-forces/access.server.ts'
import { getRun } from '../task-forces/run.server.ts'
import { listAssignablePeople, listSectionChoices } from './records.server.ts'

export type SubcommitteeChoice = { id: string; name: string; people: Array<{ id: string; name: string }> }

/**
 * What the create and edit forms offer: the subcommittees the viewer may put work in (with the
 * people each may give it to), the document's sections, the run that bounds due dates, and the
 * active phase as the default. `keepSubcommitteeId` keeps an assignment's current subcommittee in
 * the list even when the viewer could not create work there.
 */
export function getAssignmentFormOptions(
	db: Db,
	{ taskForce, membership, state }: Pick<TaskForceRequest, 'taskForce' | 'membership' | 'state'>,
	keepSubcommitteeId: string | null = null,
) {
	const people = listAssignablePeople(db, taskForce.id)
	const subcommittees: SubcommitteeChoice[] = listSubcommittees(db, taskForce.id)
		.filter(
			(subcommittee) =>
				subcommittee.id === keepSubcommitteeId || canCreateAssignment(membership, state, subcommittee.id),
		)
		.map((subcommittee) => ({
			id: subcommittee.id,
			name: subcommittee.name,
			people: [...(people.get(subcommittee.id) ?? new Map<string, string>())]
				.map(([id, name]) => ({ id, name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		}))
	const numbers = new Map<string, number>()
	const sections = listSectionChoices(db, taskForce.id).map((section) => {
		// Numbered as the document page numbers them: in reading order, per document.
		const number = (numbers.get(section.documentId) ?? 0) + 1
		numbers.set(section.documentId, number)
		return { id: section.id, label: `${number}. ${section.title}` }
	})
	return { run: getRun(db, taskForce), subcommittees, sections, activePhase: state.activePhase }
}

/** Whether the viewer may create work in at least one subcommittee (canCreateAssignment in any). */
export function canCreateAnyAssignment(
	db: Db,
	{ taskForce, membership, state }: Pick<TaskForceRequest, 'taskForce' | 'membership' | 'state'>,
): boolean {
	return listSubcommittees(db, taskForce.id).some((subcommittee) =>
		canCreateAssignment(membership, state, subcommittee.id),
	)
}

export type AssignmentFormOptions = ReturnType<typeof getAssignmentFormOptions>
