import { z } from 'zod'
import { isIsoDate } from '../dates.ts'

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

const date = z
	.string()
	.optional()
	.transform((value) => (value && isIsoDate(value) ? value : undefined))

/**
 * The activity page's filters from its query string. Anything unreadable is ignored rather than
 * refused: a hand-edited link still shows the feed.
 */
export const ActivityFiltersSchema = z.object({
	person: z.string().max(64).optional().catch(undefined),
	kind: z
		.enum(Object.keys(ACTIVITY_KINDS) as [keyof typeof ACTIVITY_KINDS])
		.optional()
		.catch(undefined),
	from: date.catch(undefined),
	to: date.catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})

export type ActivityFilters = Partial<z.infer<typeof ActivityFiltersSchema>>
