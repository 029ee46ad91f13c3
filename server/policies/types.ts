import type { PhaseKind, Role, SectionStatus, TaskForceStatus } from '#shared/domain.ts'
import type { ReadOnlyReason } from '#shared/section-read-only.ts'

/**
 * The inputs of every decision: plain data, so the same functions serve HTTP loaders and actions
 * and the collaboration server's upgrade and re-checks.
 */

/** The signed-in person. */
export type Person = { id: string; isAdmin: boolean }

/** A person's place in one task force. */
export type Membership = {
	role: Role
	/** Subcommittees the person belongs to. */
	subcommitteeIds: readonly string[]
	/** Subcommittees the person leads. */
	leadsSubcommitteeIds: readonly string[]
}

export type TaskForceState = {
	status: TaskForceStatus
	activePhase: PhaseKind | null
	/** The co-chairs' choice: observers may comment (off by default). */
	observersMayComment: boolean
}

/** A person's membership (null: not a member) and the task force's state: what policies read. */
export type Standing = { membership: Membership | null; state: TaskForceState }

export type SectionFacts = { subcommitteeId: string | null; status: SectionStatus }

export type AssignmentFacts = { subcommitteeId: string; assigneeId: string | null }

/** What a person may do with a whole task force. */
export type TaskForceAccess = 'none' | 'read' | 'manage'

/**
 * What a person may do with a section right now, each level including the ones before it: see it
 * (`read`), comment on it, suggest changes to its text that its writers accept or reject, or
 * write it.
 */
export type SectionAccess = 'none' | 'read' | 'comment' | 'suggest' | 'write'

/** The access, and when it is below 'write', why the person may not write. */
export type SectionAccessAnswer = { access: SectionAccess; readOnlyReason: ReadOnlyReason | null }
