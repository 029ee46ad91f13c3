import { z } from 'zod'
import { formatNumber } from '../text.ts'

export const COMMENT_BODY_MAX = 10_000
export const THREAD_QUOTE_MAX = 2_000
/** A Yjs relative position is a handful of varints: a few dozen bytes, never hundreds. */
const ANCHOR_END_MAX = 200
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

/** One end of the selected text, as the editor encodes it (base64 of a Yjs relative position). */
const anchorEnd = z
	.string()
	.min(1, 'Select the text to comment on in the editor, then choose Comment.')
	.max(ANCHOR_END_MAX, 'Select the text again, then choose Comment.')
	.regex(/^([A-Za-z0-9+/]+=*)?$/, 'Select the text again, then choose Comment.')

/**
 * Starting a thread on a stretch of text: where the selection starts and ends in the live text
 * (the server reads the quoted words there itself), the first comment, who it mentions.
 */
export const startThreadSchema = z.object({ anchorFrom: anchorEnd, anchorTo: anchorEnd, body, mentionIds })
export type StartThreadInput = z.infer<typeof startThreadSchema>

/** A reply to a thread, or a comment's new text. */
export const commentBodySchema = z.object({ body, mentionIds })
export type CommentBodyInput = z.infer<typeof commentBodySchema>
