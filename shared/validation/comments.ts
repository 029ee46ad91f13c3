import { z } from 'zod'
import { formatNumber } from '../text.ts'

export const COMMENT_BODY_MAX = 10_000
export const THREAD_QUOTE_MAX = 2_000
/** People one comment may mention: enough for a working group, too few to page everyone. */
export const MENTIONS_MAX = 20

const body = z
	.string()
	.trim()
	.min(1, 'Write the comment.')
	.max(COMMENT_BODY_MAX, {
		error: (issue: { input?: unknown }) =>
			`Use at most ${formatNumber(COMMENT_BODY_MAX)} characters (this has ${formatNumber(String(issue.input ?? '').length)}).`,
	})

const mentionIds = z
	.array(z.string().min(1).max(64))
	.max(MENTIONS_MAX, `Mention at most ${MENTIONS_MAX} people in one comment.`)
	.default([])

/** Starting a thread on a stretch of text: the words selected, the first comment, who it mentions. */
export const startThreadSchema = z.object({
	quote: z
		.string()
		.trim()
		.min(1, 'Select the text to comment on.')
		.max(THREAD_QUOTE_MAX, `Select at most ${formatNumber(THREAD_QUOTE_MAX)} characters to comment on.`),
	body,
	mentionIds,
})
export type StartThreadInput = z.infer<typeof startThreadSchema>

/** A reply to a thread, or a comment's new text. */
export const commentBodySchema = z.object({ body, mentionIds })
export type CommentBodyInput = z.infer<typeof commentBodySchema>
