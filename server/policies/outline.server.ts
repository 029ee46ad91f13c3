import type { Membership, TaskForceState } from './types.ts'

/**
 * Shaping a document's outline — adding, renaming, reordering, removing and restoring sections,
 * and setting their owner, target and due date: co-chairs of an active task force. A published
 * task force's outline is part of the record and stays as it was.
 */
export function canManageOutline(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status === 'active'
}

/**
 * Whether a person could move any section's status at all — the cheap first question before a
 * status form is read. Observers never can, nor anyone once the task force is published; who may
 * make which move on which section is `canChangeSectionStatus`.
 */
export function canMoveAnySectionStatus(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership !== null && membership.role !== 'observer' && taskForce.status === 'active'
}
