import type { Membership, TaskForceState } from './types.ts'

/**
 * Who may publish an edition: a co-chair, while the task force is in its publishing phase (the
 * first edition, or a correction after reopening it) or once it is published (an edition of its
 * final text, or a correction of an edition's title or credits).
 */
export function canPublishEdition(membership: Membership | null, taskForce: TaskForceState): boolean {
	if (membership?.role !== 'co_chair') return false
	if (taskForce.status === 'published') return true
	return taskForce.status === 'active' && taskForce.activePhase === 'publishing'
}

/** Whether a co-chair may open or close the public page of the editions (any time but archived). */
export function canManagePublicPage(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status !== 'archived'
}

/**
 * Who reads an edition and its downloads: every member (observers too), and anyone at all once a
 * co-chair has opened the public page.
 */
export function canReadEdition(membership: Membership | null, publicPage: boolean): boolean {
	return publicPage || membership !== null
}

/**
 * Who exports the records archive: co-chairs, and members who belong to an organization (for that
 * organization's public-records duties). Observers do not: their organizations are not members.
 */
export function canExportRecords(membership: Membership | null, hasOrganization: boolean): boolean {
	if (membership?.role === 'co_chair') return true
	return membership !== null && membership.role !== 'observer' && hasOrganization
}
