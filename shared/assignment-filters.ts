import { ASSIGNMENT_STATUSES, PHASE_KINDS, type PhaseKind } from './domain.ts'

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
