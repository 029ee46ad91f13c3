import { z } from 'zod'
import { formatDate, isIsoDate } from '../dates.ts'
import { ASSIGNMENT_STATUSES, type AssignmentStatus, PHASE_KINDS } from '../domain.ts'
import { formatNumber } from '../text.ts'
import { dateSchema } from './dates.ts'

export const ASSIGNMENT_TITLE_MAX = 200
export const ASSIGNMENT_DETAILS_MAX = 10_000
export const BLOCKED_REASON_MAX = 1_000

/**
 * The task force's run: from the first phase's start to the publication date. Due dates must fall
 * inside it; `startsOn` is null when the task force has no phases yet.
 */
export type Run = { startsOn: string | null; endsOn: string }

function tooLong(max: number) {
	return {
		error: (issue: { input?: unknown }) =>
			`Use at most ${formatNumber(max)} characters (this has ${formatNumber(String(issue.input ?? '').length)}).`,
	}
}

/** A due date as the form sends it: a real `YYYY-MM-DD` date inside the run. */
function dueOnSchema(run: Run) {
	const range = run.startsOn
		? `between ${formatDate(run.startsOn)} and ${formatDate(run.endsOn)}`
		: `on or before ${formatDate(run.endsOn)}`
	return dateSchema('Enter a due date.').refine(
		(value) => !isIsoDate(value) || ((!run.startsOn || value >= run.startsOn) && value <= run.endsOn),
		`Choose a date ${range}: the task force's run, from its first phase to publication.`,
	)
}

const blockedReason = z.string().trim().max(BLOCKED_REASON_MAX, tooLong(BLOCKED_REASON_MAX)).optional()

/** Everything an assignment is made of, for creating one. Ids are checked against the data on the server. */
export function assignmentSchema(run: Run) {
	return z.object({
		title: z
			.string({ error: 'Enter a title.' })
			.trim()
			.min(1, 'Enter a title.')
			.max(ASSIGNMENT_TITLE_MAX, tooLong(ASSIGNMENT_TITLE_MAX)),
		// Conform sends an empty field as undefined: no details is the empty string.
		details: z
			.string()
			.trim()
			.max(ASSIGNMENT_DETAILS_MAX, tooLong(ASSIGNMENT_DETAILS_MAX))
			.optional()
			.transform((value) => value ?? ''),
		subcommitteeId: z.string({ error: 'Choose a subcommittee.' }),
		sectionId: z.string().optional(),
		assigneeId: z.string().optional(),
		phaseKind: z.enum(PHASE_KINDS, { error: 'Choose a phase.' }),
		dueOn: dueOnSchema(run),
	})
}

export type AssignmentInput = z.infer<ReturnType<typeof assignmentSchema>>

/** The revision a form was opened at; a save from an older one is refused. */
const revision = z.coerce.number({ error: 'Reload the page and try again.' }).int().min(0)

function requireBlockedReason(
	value: { status: AssignmentStatus; blockedReason?: string },
	context: z.RefinementCtx,
) {
	if (value.status === 'blocked' && !value.blockedReason) {
		context.addIssue({
			code: 'custom',
			path: ['blockedReason'],
			message: 'Say what is blocking it, so someone can help.',
		})
	}
}

const status = z.enum(ASSIGNMENT_STATUSES, { error: 'Choose a status.' })

/** The full edit form (co-chairs and the subcommittee's lead): every field, the status and the revision. */
export function assignmentEditSchema(run: Run) {
	return assignmentSchema(run)
		.extend({ intent: z.literal('save'), status, blockedReason, revision })
		.superRefine(requireBlockedReason)
}

export type AssignmentEditInput = z.infer<ReturnType<typeof assignmentEditSchema>>

/** The status form (the assignee's only control, and the board's "Move to…"). */
export const AssignmentStatusSchema = z
	.object({ intent: z.literal('status'), status, blockedReason, revision: revision.optional() })
	.superRefine(requireBlockedReason)

// ---------------------------------------------------------------------------------------------
