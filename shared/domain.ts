/**
 * The vocabulary of a task force, shared by the database schema, the server and the browser.
 * Order matters where it is an order: phases run in the order listed.
 */

/** Phases of a task force, in the order they run. */
export const PHASE_KINDS = ['research', 'writing', 'editing', 'publishing'] as const
export type PhaseKind = (typeof PHASE_KINDS)[number]

export const PHASE_STATUSES = ['upcoming', 'active', 'complete'] as const
export type PhaseStatus = (typeof PHASE_STATUSES)[number]

/** Roles within one task force. A subcommittee lead is a member with `lead_user_id` on a subcommittee. */
export const ROLES = ['co_chair', 'member', 'observer'] as const
export type Role = (typeof ROLES)[number]

export const SECTORS = [
	'local_government',
	'university',
	'private_sector',
	'nonprofit',
	'government_agency',
] as const
export type Sector = (typeof SECTORS)[number]

export const TASK_FORCE_STATUSES = ['active', 'published', 'archived'] as const
export type TaskForceStatus = (typeof TASK_FORCE_STATUSES)[number]

/** Section statuses in the order a section moves through them. */
export const SECTION_STATUSES = ['not_started', 'drafting', 'in_review', 'approved'] as const
export type SectionStatus = (typeof SECTION_STATUSES)[number]

/** Why a version of a section was kept: automatically, at a phase boundary, or before a restore. */
/** How a person is named in a published edition's contributors (their choice, on `/account`). */
export const CREDIT_CHOICES = ['name_and_organization', 'name_only', 'not_listed'] as const
export type CreditChoice = (typeof CREDIT_CHOICES)[number]

/** Downloads of an edition that are made once and kept (the HTML and Markdown are made each time). */
export const EDITION_FILE_FORMATS = ['docx', 'pdf'] as const
export type EditionFileFormat = (typeof EDITION_FILE_FORMATS)[number]

export const SECTION_VERSION_KINDS = ['auto', 'phase', 'before_restore'] as const
export type SectionVersionKind = (typeof SECTION_VERSION_KINDS)[number]

/** A comment thread is open until someone resolves it (and may be reopened). */
export const THREAD_STATUSES = ['open', 'resolved'] as const
/** A reviewer's answer: nothing yet, approve, or changes requested. */
export const REVIEW_DECISIONS = ['approve', 'changes_requested'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]

export type ThreadStatus = (typeof THREAD_STATUSES)[number]

export const ASSIGNMENT_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]
