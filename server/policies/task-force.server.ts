import { PHASE_KINDS } from '#shared/domain.ts'
import type { Membership, Person, TaskForceAccess, TaskForceState } from './types.ts'

/**
 * Whether a person can see a task force at all, and whether they run it. Existence is private:
 * without a membership the answer is 'none' (pages answer 404), instance admins included — they
 * manage accounts, not the work.
 */
export function taskForceAccess(_person: Person, membership: Membership | null): TaskForceAccess {
	if (!membership) return 'none'
	return membership.role === 'co_chair' ? 'manage' : 'read'
}

/** Inviting, changing roles and removing members: co-chairs, also after publication. */
export function canManageMembers(membership: Membership | null): boolean {
	return membership?.role === 'co_chair'
}

/** Phase dates, gates and advancing; milestones. Co-chairs of an active task force only. */
export function canManageSchedule(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status === 'active'
}

/** Creating, renaming, chartering subcommittees and choosing leads: co-chairs of an active task force. */
export function canManageSubcommittees(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status === 'active'
}

/** Whether someone leads this subcommittee (observers never do, whatever the data says). */
export function leads(membership: Membership | null, subcommitteeId: string | null): boolean {
	if (!membership || membership.role === 'observer' || !subcommitteeId) return false
	return membership.leadsSubcommitteeIds.includes(subcommitteeId)
}

/** Whether someone is a writing member of this subcommittee (observers never are). */
export function belongsTo(membership: Membership | null, subcommitteeId: string | null): boolean {
	if (!membership || membership.role === 'observer' || !subcommitteeId) return false
	return (
		membership.subcommitteeIds.includes(subcommitteeId) ||
		membership.leadsSubcommitteeIds.includes(subcommitteeId)
	)
}

/** Managing one subcommittee's members and assignments: co-chairs, and that subcommittee's lead. */
export function canManageSubcommittee(
	membership: Membership | null,
	taskForce: TaskForceState,
	subcommitteeId: string,
): boolean {
	if (taskForce.status !== 'active' || !membership) return false
	return membership.role === 'co_chair' || leads(membership, subcommitteeId)
}

/**
 * Reopening the previous phase (undoing an advance, with a written reason): co-chairs of an active
 * task force that is past its first phase. Publication is final: a published task force is not
 * reopened.
 */
export function canReopenPhase(membership: Membership | null, taskForce: TaskForceState): boolean {
	return (
		canManageSchedule(membership, taskForce) &&
		taskForce.activePhase !== null &&
		taskForce.activePhase !== PHASE_KINDS[0]
	)
}

/**
 * Whether a person may comment in a task force at all: every member while it is active; observers
 * when the co-chairs let them. A published or archived task force's threads are part of the record.
 */
export function commentsFrom(membership: Membership | null, taskForce: TaskForceState): boolean {
	if (!membership || taskForce.status !== 'active') return false
	return membership.role !== 'observer' || taskForce.observersMayComment
}
