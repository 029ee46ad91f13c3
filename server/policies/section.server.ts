import type { SectionStatus } from '#shared/domain.ts'
import type { ReadOnlyReason } from '#shared/section-read-only.ts'
import { belongsTo, leads } from './task-force.server.ts'
import type {
	Membership,
	Person,
	SectionAccess,
	SectionAccessAnswer,
	SectionFacts,
	TaskForceState,
} from './types.ts'

/**
 * What a person may do with a section's text right now, and why they may only read when they may
 * not write — the phase matrix of docs/design/roles-and-phases.md. The collaboration server asks the same question at upgrade and again
 * whenever the inputs change.
 *
 * | phase      | co-chair | owning lead | owning member | other member | observer |
 * | research   | write    | write       | write         | read         | read     |
 * | writing    | write    | write       | write         | read         | read     |
 * | editing    | write    | write       | read          | read         | read     |
 * | publishing | write    | read        | read          | read         | read     |
 * | published  | read     | read        | read          | read         | read     |
 * An approved section: co-chairs write, everyone else reads.
 */
export function sectionAccess(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): SectionAccessAnswer {
	const access = accessOf(person, membership, taskForce, section)
	return { access, readOnlyReason: access === 'read' ? readOnlyReason(membership, taskForce, section) : null }
}

function accessOf(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
): SectionAccess {
	if (!membership) return 'none'
	if (membership.role === 'observer') return 'read'
	// A published or archived task force is a public record: nobody rewrites it.
	if (taskForce.status !== 'active' || taskForce.activePhase === null) return 'read'
	if (membership.role === 'co_chair') return 'write'
	if (section.status === 'approved') return 'read'
	const phase = taskForce.activePhase
	if (leads(membership, section.subcommitteeId)) return phase === 'publishing' ? 'read' : 'write'
	if (belongsTo(membership, section.subcommitteeId)) {
		return phase === 'research' || phase === 'writing' ? 'write' : 'read'
	}
	return 'read'
}

/** Why someone reads but may not write (worded for them by `describeReadOnly`). */
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
