import type { SectionStatus } from '#shared/domain.ts'
import type { ReadOnlyReason } from '#shared/section-read-only.ts'
import { belongsTo, commentsFrom, leads } from './task-force.server.ts'
import type {
	Membership,
	Person,
	SectionAccess,
	SectionAccessAnswer,
	SectionFacts,
	TaskForceState,
} from './types.ts'

/**
 * What a person may do with a section right now — read it, comment on it, suggest changes to its
 * text, or write it — and why they may not write when they may not: the phase matrix of
 * docs/design/roles-and-phases.md. The collaboration server asks the same question at upgrade and
 * again whenever the inputs change.
 *
 * | phase      | co-chair | owning lead | owning member | other member | observer      |
 * | research   | write    | write       | write         | comment      | read/comment* |
 * | writing    | write    | write       | write         | comment      | read/comment* |
 * | editing    | write    | write       | suggest       | comment      | read/comment* |
 * | publishing | write    | comment     | comment       | comment      | read/comment* |
 * | published  | read     | read        | read          | read         | read          |
 * An approved section takes comments only. *Observers comment when the task force lets them.
 */
export function sectionAccess(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): SectionAccessAnswer {
	const access = accessOf(person, membership, taskForce, section)
	return {
		access,
		readOnlyReason:
			access === 'write' || access === 'none' ? null : readOnlyReason(membership, taskForce, section),
	}
}

function accessOf(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): SectionAccess {
	if (!membership) return 'none'
	// A published or archived task force is a public record: nobody rewrites or comments on it.
	if (taskForce.status !== 'active' || taskForce.activePhase === null) return 'read'
	if (membership.role === 'observer') return commentsFrom(membership, taskForce) ? 'comment' : 'read'
	// An approved section is settled: its text changes only after a co-chair reopens it.
	if (section.status === 'approved') return 'comment'
	if (membership.role === 'co_chair') return 'write'
	const phase = taskForce.activePhase
	if (leads(membership, section.subcommitteeId)) return phase === 'publishing' ? 'comment' : 'write'
	if (belongsTo(membership, section.subcommitteeId)) {
		if (phase === 'research' || phase === 'writing') return 'write'
		return phase === 'editing' ? 'suggest' : 'comment'
	}
	return 'comment'
}

/** Why someone may not write (worded for them by `describeReadOnly`). */
function readOnlyReason(
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): ReadOnlyReason {
	// A text nobody can change any more says so first, whoever reads it.
	if (taskForce.status !== 'active') return taskForce.status
	if (membership?.role === 'observer') return 'observer'
	if (section.status === 'approved') return 'approved'
	const ownSubcommittee =
		section.subcommitteeId !== null &&
		(membership?.subcommitteeIds.includes(section.subcommitteeId) ||
			membership?.leadsSubcommitteeIds.includes(section.subcommitteeId))
	if (taskForce.activePhase && ownSubcommittee) return `phase:${taskForce.activePhase}`
	return 'other_subcommittee'
}

/**
 * Whether a person may move a section from one status to another: its writers start drafting,
 * its lead sends it to review, co-chairs approve, send back, or reopen.
 */
export function canChangeSectionStatus(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
	to: SectionStatus,
): boolean {
	if (!membership || membership.role === 'observer' || taskForce.status !== 'active') return false
	if (section.status === to) return false
	if (membership.role === 'co_chair') return true
	const writes = accessOf(person, membership, taskForce, section) === 'write'
	if (section.status === 'not_started' && to === 'drafting') return writes
	// Sending to review judges the draft, it does not edit it: a lead may do it in any phase.
	if (section.status === 'drafting' && to === 'in_review') {
		return taskForce.activePhase !== null && leads(membership, section.subcommitteeId)
	}
	return false
}

/**
 * Accepting or rejecting suggestions (and recording that one did): whoever may write the text now.
 */
export function canDecideSuggestions(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): boolean {
	return accessOf(person, membership, taskForce, section) === 'write'
}

/**
 * Whether a person may make an earlier version of a section its current text: whoever may write
 * the text now (a restore is an edit like any other, and itself undoable).
 */
export function canRestoreSectionVersion(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): boolean {
	return accessOf(person, membership, taskForce, section) === 'write'
}

/**
 * Asking someone to review a section: its owning lead or a co-chair, while the task force is in a
 * phase (a published record is not reviewed).
 */
export function canRequestReview(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): boolean {
	if (!membership || taskForce.status !== 'active' || taskForce.activePhase === null) return false
	return membership.role === 'co_chair' || leads(membership, section.subcommitteeId)
}

/** Answering a review asked of you: any member but an observer, while the task force is active. */
export function canAnswerReview(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	review: { asked: boolean },
): boolean {
	if (!membership || membership.role === 'observer' || taskForce.status !== 'active') return false
	return review.asked
}
