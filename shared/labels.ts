import type { AssignmentStatus, PhaseKind, Role, SectionStatus, Sector } from './domain.ts'

/** Words a person reads for each code. One place, so every page says the same thing. */
export const PHASE_LABELS: Record<PhaseKind, string> = {
	research: 'Research',
	writing: 'Writing',
	editing: 'Editing',
	publishing: 'Publishing',
}

export const ROLE_LABELS: Record<Role, string> = {
	co_chair: 'Co-chair',
	member: 'Member',
	observer: 'Observer',
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
