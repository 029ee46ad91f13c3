import type { AssignmentStatus, PhaseKind, PhaseStatus, Role, SectionStatus, Sector } from './domain.ts'
import type { MilestoneState } from './schedule.ts'

/** Words a person reads for each code. One place, so every page says the same thing. */
export const PHASE_LABELS: Record<PhaseKind, string> = {
	research: 'Research',
	writing: 'Writing',
	editing: 'Editing',
	publishing: 'Publishing',
}

export const PHASE_STATUS_LABELS: Record<PhaseStatus, string> = {
	complete: 'Complete',
	active: 'Current',
	upcoming: 'Upcoming',
}

export const ROLE_LABELS: Record<Role, string> = {
	co_chair: 'Co-chair',
	member: 'Member',
	observer: 'Observer',
}

/** Role names for a heading over several people: "3 Co-chairs". */
export const ROLE_PLURAL_LABELS: Record<Role, string> = {
	co_chair: 'Co-chairs',
	member: 'Members',
	observer: 'Observers',
}

export const SECTOR_LABELS: Record<Sector, string> = {
	local_government: 'Local government',
	university: 'University',
	private_sector: 'Private sector',
	nonprofit: 'Nonprofit',
	government_agency: 'State or federal agency',
}

export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
	not_started: 'Not started',
	drafting: 'Drafting',
	in_review: 'In review',
	approved: 'Approved',
}

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
	todo: 'To do',
	in_progress: 'In progress',
	blocked: 'Blocked',
	done: 'Done',
}

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
	done: 'Done',
	waived: 'Waived',
	overdue: 'Overdue',
	due_soon: 'Due soon',
	upcoming: 'Upcoming',
}
