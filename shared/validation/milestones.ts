import { z } from 'zod'
import { formatDate, isIsoDate } from '../dates.ts'
import { dateSchema } from './dates.ts'

const MILESTONE_TITLE_MAX = 200
export const WAIVE_REASON_MAX = 500

/** The task force's run (first phase's start to the publication date) and its phases' ids. */
export type MilestoneContext = { runStartsOn: string; runEndsOn: string; phaseIds: readonly string[] }

const title = z
	.string({ error: 'Enter a title.' })
	.trim()
	.min(1, 'Enter a title.')
	.max(MILESTONE_TITLE_MAX, `Use at most ${MILESTONE_TITLE_MAX} characters.`)

function dueOn(context: MilestoneContext) {
	const range = `${formatDate(context.runStartsOn)} – ${formatDate(context.runEndsOn)}`
	return dateSchema('Enter the due date.').refine(
		(date) => !isIsoDate(date) || (date >= context.runStartsOn && date <= context.runEndsOn),
		`Choose a date within the task force's run, ${range}.`,
	)
}

/** Adding a milestone to a phase: a title and a due date inside the run. */
export function createMilestoneSchema(context: MilestoneContext) {
	return z.object({
		intent: z.literal('milestone-create'),
		phaseId: z
			.string({ error: 'Choose a phase.' })
			.refine((id) => context.phaseIds.includes(id), 'Choose one of the phases listed.'),
		title,
		dueOn: dueOn(context),
	})
}

/** Changing a milestone's title or due date. */
export function updateMilestoneSchema(context: MilestoneContext) {
	return z.object({
		intent: z.literal('milestone-update'),
		milestoneId: z.string({ error: 'Reload the page: the milestone is missing.' }),
		title,
		dueOn: dueOn(context),
	})
}

/** Waiving a milestone: the reason is what makes a waiver count toward the gate, so it is required. */
export const WaiveMilestoneSchema = z.object({
	intent: z.literal('milestone-waive'),
	milestoneId: z.string({ error: 'Reload the page: the milestone is missing.' }),
	reason: z
		.string({ error: 'Write why this milestone no longer needs doing.' })
		.trim()
		.min(1, 'Write why this milestone no longer needs doing.')
		.max(WAIVE_REASON_MAX, `Use at most ${WAIVE_REASON_MAX} characters.`),
})
