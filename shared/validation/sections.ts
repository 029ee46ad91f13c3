import { z } from 'zod'
import { formatDate } from '../dates.ts'
import { SECTION_STATUSES, type SectionStatus } from '../domain.ts'
import { formatNumber } from '../text.ts'
import { optionalDateSchema } from './dates.ts'

export const SECTION_TITLE_MAX = 200
export const SECTION_TARGET_MAX = 100_000
export const STATUS_NOTE_MAX = 2_000

/**
 * What the section forms are checked against: the task force's run (first phase's start to the
 * publication date; `startsOn` is null before there are phases) and the subcommittees that may own
 * a section.
 */
export type OutlineContext = {
	run: { startsOn: string | null; endsOn: string }
	subcommitteeIds: readonly string[]
}

/**
 * The moves of a section's status, in the order the buttons show. Sending back is the one that
 * needs a note: it tells the writers what to change.
 */
export const SECTION_MOVES = [
	{ from: 'not_started', to: 'drafting', label: 'Start drafting', note: false },
	{ from: 'drafting', to: 'in_review', label: 'Send to review', note: false },
	{ from: 'in_review', to: 'approved', label: 'Approve', note: false },
	{ from: 'in_review', to: 'drafting', label: 'Send back', note: true },
	{ from: 'approved', to: 'drafting', label: 'Reopen', note: false },
] as const satisfies ReadonlyArray<{ from: SectionStatus; to: SectionStatus; label: string; note: boolean }>

export type SectionMove = (typeof SECTION_MOVES)[number]

/** The move from one status to another, or undefined when the outline has no such move. */
export function findSectionMove(from: SectionStatus, to: SectionStatus): SectionMove | undefined {
	return SECTION_MOVES.find((move) => move.from === from && move.to === to)
}

function tooLong(max: number) {
	return {
		error: (issue: { input?: unknown }) =>
			`Use at most ${formatNumber(max)} characters (this has ${formatNumber(String(issue.input ?? '').length)}).`,
	}
}

const title = z
	.string({ error: 'Enter a title.' })
	.trim()
	.min(1, 'Enter a title.')
	.max(SECTION_TITLE_MAX, tooLong(SECTION_TITLE_MAX))

const sectionId = z.string({ error: 'Reload the page: the section is missing.' })

function owner(context: OutlineContext) {
	return z
		.string()
		.optional()
		.refine(
			(id) => !id || context.subcommitteeIds.includes(id),
			'Choose one of the subcommittees listed, or none.',
		)
		.transform((id) => id || null)
}

const range = `Choose a target from 0 to ${formatNumber(SECTION_TARGET_MAX)} words, or leave it empty.`

// Read as text: Conform sends an emptied field as a missing value (no target), and a typed "1.5"
// or "-3" deserves its own message rather than a coercion error.
const targetWords = z
	.string()
	.trim()
	.optional()
	.refine((value) => !value || /^-?\d+$/.test(value), 'Enter a whole number of words, like 1500.')
	.refine(
		(value) =>
			!value || !/^-?\d+$/.test(value) || (Number(value) >= 0 && Number(value) <= SECTION_TARGET_MAX),
		range,
	)
	.transform((value) => (value ? Number(value) : null))

function dueOn(context: OutlineContext) {
	const { startsOn, endsOn } = context.run
	const range = startsOn
		? `between ${formatDate(startsOn)} and ${formatDate(endsOn)}`
		: `on or before ${formatDate(endsOn)}`
	return optionalDateSchema().refine(
		(value) => !value || ((!startsOn || value >= startsOn) && value <= endsOn),
		`Choose a date ${range}: the task force's run, from its first phase to publication.`,
	)
}

function details(context: OutlineContext) {
	return { title, subcommitteeId: owner(context), targetWords, dueOn: dueOn(context) }
}

/** Adding a section at the end of the outline (co-chairs). */
export function addSectionSchema(context: OutlineContext) {
	return z.object({ intent: z.literal('add'), ...details(context) })
}

/** Renaming a section and setting its owner, target and due date, in one form. */
export function editSectionSchema(context: OutlineContext) {
	return z.object({ intent: z.literal('edit'), sectionId, ...details(context) })
}

export type SectionDetailsInput = {
	title: string
	subcommitteeId: string | null
	targetWords: number | null
	dueOn: string | null
}

/**
 * Moving a section one place up or down. `position` is the place the person saw it at (1-based),
 * so a double click, or a move someone else made meanwhile, is not applied twice.
 */
export const MoveSectionSchema = z.object({
	intent: z.literal('move'),
	sectionId,
	direction: z.enum(['up', 'down'], { error: 'Choose up or down.' }),
	position: z.coerce.number({ error: 'Reload the page and try again.' }).int().min(1),
})

/** Removing a section from the outline, or bringing a removed one back. */
export const RemoveSectionSchema = z.object({ intent: z.literal('remove'), sectionId })
export const RestoreSectionSchema = z.object({ intent: z.literal('restore'), sectionId })

const status = z.enum(SECTION_STATUSES, { error: 'Choose a status.' })

/**
 * Moving a section's status. `from` is the status the person saw, so a move someone else already
 * made is not overwritten. Sending a section back from review needs a note for its writers.
 */
export const SectionStatusSchema = z
	.object({
		intent: z.literal('status'),
		sectionId,
		from: status,
		to: status,
		note: z.string().trim().max(STATUS_NOTE_MAX, tooLong(STATUS_NOTE_MAX)).optional(),
	})
	.superRefine((value, context) => {
		if (findSectionMove(value.from, value.to)?.note && !value.note) {
			context.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'Write what needs to change, so the writers know why it came back.',
			})
		}
	})

/** Restoring a version: which one (an id from the versions page). */
export const restoreVersionSchema = z.object({
	versionId: z
		.string({ error: 'Choose a version to restore.' })
		.trim()
		.min(1, 'Choose a version to restore.')
		.max(64, 'That is not a version of this section. Reload the page to see the list.'),
})
