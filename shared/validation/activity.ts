import { z } from 'zod'
import { optionalDateSchema } from './dates.ts'

/** The kinds of activity a person can filter by: the part of the verb before the dot. */
export const ACTIVITY_KINDS = {
	phase: 'Phases',
	milestone: 'Milestones',
	assignment: 'Assignments',
	subcommittee: 'Subcommittees',
	section: 'Sections',
	member: 'Members',
	invitation: 'Invitations',
} as const

/**
 * The activity page's filters from its query string. A stale or hand-edited person, kind or page is
 * ignored rather than refused, so the link still shows the feed; a date that no calendar has
 * (`from=2027-13-45`) is an error on that field, because a silently dropped date would show
 * entries the person asked to leave out.
 */
const ActivityFiltersSchema = z.object({
	person: z.string().max(64).optional().catch(undefined),
	kind: z
		.enum(Object.keys(ACTIVITY_KINDS) as [keyof typeof ACTIVITY_KINDS])
		.optional()
		.catch(undefined),
	from: optionalDateSchema(`“From” must be a real date, like 2027-04-20.`).transform(
		(value) => value ?? undefined,
	),
	to: optionalDateSchema(`“To” must be a real date, like 2027-04-20.`).transform(
		(value) => value ?? undefined,
	),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})

export type ActivityFilters = Partial<z.infer<typeof ActivityFiltersSchema>>

/** The filters to apply, and an error per date field that could not be read. */
export function parseActivityFilters(query: Record<string, string>): {
	filters: ActivityFilters
	errors: { from?: string; to?: string }
} {
	const parsed = ActivityFiltersSchema.safeParse(query)
	if (parsed.success) return { filters: parsed.data, errors: {} }
	const errors: { from?: string; to?: string } = {}
	for (const issue of parsed.error.issues) {
		const field = issue.path[0]
		if (field === 'from' || field === 'to') errors[field] ??= issue.message
	}
	// Everything else still applies; the unreadable dates are left out.
	const rest = ActivityFiltersSchema.parse({
		...query,
		from: errors.from ? undefined : query.from,
		to: errors.to ? undefined : query.to,
	})
	return { filters: rest, errors }
}
