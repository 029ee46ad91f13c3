import { z } from 'zod'
import { CREDIT_CHOICES } from '../domain.ts'
import { formatNumber } from '../text.ts'

export const PUBLISH_TEXT_MAX = 2_000

const optionalText = z
	.string()
	.trim()
	.max(PUBLISH_TEXT_MAX, `Use at most ${formatNumber(PUBLISH_TEXT_MAX)} characters.`)
	.optional()

/**
 * Publishing an edition: the reason for publishing past an unmet gate and the change note of a
 * correction (their minimum lengths are the operation's to check: they depend on the gate and on
 * the editions before).
 */
export const publishEditionSchema = z.object({ reason: optionalText, changeNote: optionalText })

/** Opening or closing the public page: a checkbox, absent when unticked. */
export const publicPageSchema = z.object({ open: z.literal('on').optional() })

/** How a person is credited in published editions. */
export const creditChoiceSchema = z.object({
	creditAs: z.enum(CREDIT_CHOICES, { error: 'Choose how editions should credit you.' }),
})
