import type { SubmissionResult } from '@conform-to/react'
import { data } from 'react-router'

/**
 * What every page's action answers, so each page shows its answer the same way: next to the form
 * it belongs to, with the words to read. Pages may add fields of their own (a link to copy).
 */
export type ActionReply = {
	/** What the person asked for (the form's `intent`). */
	intent: string
	/** The Conform form the result belongs to (`section-edit-<id>`), so only that form shows its errors. */
	formId: string | null
	/** The part of the page that answers: a card of the phases page, a section of the outline. */
	about: string | null
	result: SubmissionResult<string[]> | undefined
	notice: string | null
	error: string | null
}

export type ActionStatus = 200 | 400 | 409 | 429

/** A reply with the given fields, the rest empty. */
export function actionReply(intent: string, fields: Partial<Omit<ActionReply, 'intent'>> = {}): ActionReply {
	return { intent, formId: null, about: null, result: undefined, notice: null, error: null, ...fields }
}

/** The action's response: the reply itself when all went well, else the reply with its status. */
export function respond<Reply extends ActionReply>(reply: Reply, status: ActionStatus = 200) {
	return status === 200 ? reply : data(reply, { status })
}
