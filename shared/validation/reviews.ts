import { z } from 'zod'
import { REVIEW_DECISIONS } from '../domain.ts'
import { formatNumber } from '../text.ts'

const REVIEW_NOTE_MAX = 4_000

/** Asking one person to review a section. */
export const requestReviewSchema = z.object({
	reviewerId: z
		.string({ error: 'Choose who should review it.' })
		.min(1, 'Choose who should review it.')
		.max(64),
})

/** A reviewer's answer: approve or ask for changes, with a note (required when asking for changes). */
export const answerReviewSchema = z
	.object({
		decision: z.enum(REVIEW_DECISIONS, { error: 'Choose approve or changes requested.' }),
		note: z
			.string()
			.trim()
			.max(REVIEW_NOTE_MAX, `Use at most ${formatNumber(REVIEW_NOTE_MAX)} characters.`)
			.optional(),
	})
	.superRefine((value, context) => {
		if (value.decision === 'changes_requested' && !value.note)
			context.addIssue({ code: 'custom', path: ['note'], message: 'Say what should change.' })
	})
export type AnswerReviewInput = z.infer<typeof answerReviewSchema>

/** What a writer reports after accepting or rejecting suggestions in the editor, for the record. */
export const suggestionDecisionSchema = z.object({
	decision: z.enum(['accepted', 'rejected']),
	count: z.coerce.number().int().min(1).max(10_000),
	authorIds: z.array(z.string().min(1).max(64)).max(50).default([]),
})
export type SuggestionDecisionInput = z.infer<typeof suggestionDecisionSchema>
