import { daysBetween } from './dates.ts'
import type { AssignmentStatus } from './domain.ts'

/** A milestone or assignment due within this many days counts as "due soon". */
export const DUE_SOON_DAYS = 7

/** Where a milestone stands on `today`, derived from its dates; nothing stores it. */
const MILESTONE_STATES = ['done', 'waived', 'overdue', 'due_soon', 'upcoming'] as const
export type MilestoneState = (typeof MILESTONE_STATES)[number]

/**
 * A milestone's state on `today` (the task force's calendar date). Done and waived win over dates:
 * a milestone finished late is done, not overdue.
 */
export function milestoneState(
	milestone: { dueOn: string; completedAt: number | null; waivedReason: string | null },
	today: string,
): MilestoneState {
	if (milestone.completedAt !== null) return 'done'
	if (milestone.waivedReason) return 'waived'
	const days = daysBetween(today, milestone.dueOn)
	if (days < 0) return 'overdue'
	if (days <= DUE_SOON_DAYS) return 'due_soon'
	return 'upcoming'
}

/** True when an assignment's due date has passed (in the task force's calendar) and it is not done. */
export function isAssignmentOverdue(
	assignment: { dueOn: string | null; status: AssignmentStatus },
	today: string,
): boolean {
	return assignment.status !== 'done' && assignment.dueOn !== null && assignment.dueOn < today
}
