import { z } from 'zod'
import { formatDate, isIsoDate } from '../dates.ts'
import { ASSIGNMENT_STATUSES, type AssignmentStatus, PHASE_KINDS, type PhaseKind } from '../domain.ts'
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
// The list's filters, as GET query parameters, so every view of the list can be linked to.

/** `open` is every status but done. */
export const STATUS_FILTERS = ['open', ...ASSIGNMENT_STATUSES] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export type AssignmentFilters = {
	/** Only the viewer's own assignments. */
	mine: boolean
	subcommitteeId: string | null
	status: StatusFilter | null
	phase: PhaseKind | null
	/** Past due and not done. */
	overdue: boolean
	/** Due within DUE_SOON_DAYS (shared/schedule.ts) and not done. */
	dueSoon: boolean
}

export type AssignmentView = 'list' | 'board'

export const NO_FILTERS: AssignmentFilters = {
	mine: false,
	subcommitteeId: null,
	status: null,
	phase: null,
	overdue: false,
	dueSoon: false,
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
	return values.includes(value as T) ? (value as T) : null
}

/**
 * Reads `?mine=1&subcommittee=…&status=…&phase=…&overdue=1&due=soon&view=board`. Unknown values are
 * ignored rather than refused: a stale link still shows a list.
 */
export function parseAssignmentQuery(search: URLSearchParams): {
	filters: AssignmentFilters
	view: AssignmentView
} {
	const flag = (name: string) => ['1', 'true', 'on'].includes(search.get(name) ?? '')
	return {
		filters: {
			mine: flag('mine'),
			subcommitteeId: search.get('subcommittee') || null,
			status: oneOf(STATUS_FILTERS, search.get('status')),
			phase: oneOf(PHASE_KINDS, search.get('phase')),
			overdue: flag('overdue'),
			dueSoon: search.get('due') === 'soon',
		},
		view: search.get('view') === 'board' ? 'board' : 'list',
	}
}

/** The link to the list with these filters, e.g. `/t/genai/assignments?overdue=1`. */
export function assignmentsHref(
	slug: string,
	filters: Partial<AssignmentFilters> = {},
	view: AssignmentView = 'list',
): string {
	const search = new URLSearchParams()
	if (filters.mine) search.set('mine', '1')
	if (filters.subcommitteeId) search.set('subcommittee', filters.subcommitteeId)
	if (filters.status) search.set('status', filters.status)
	if (filters.phase) search.set('phase', filters.phase)
	if (filters.overdue) search.set('overdue', '1')
	if (filters.dueSoon) search.set('due', 'soon')
	if (view === 'board') search.set('view', 'board')
	const query = search.toString()
	return `/t/${slug}/assignments${query ? `?${query}` : ''}`
}

/** Whether any filter narrows the list. */
export function hasFilters(filters: AssignmentFilters): boolean {
	return Object.values(filters).some((value) => value !== null && value !== false)
}
