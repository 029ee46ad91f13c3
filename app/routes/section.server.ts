import { parseWithZod } from '@conform-to/zod/v4'
import { actionReply, respond } from '#app/forms/action-reply.ts'
import type { Viewer } from '#server/auth/viewer.server.ts'
import { deleteComment, editComment, setThreadStatus } from '#server/comments/comment-changes.server.ts'
import { replyToThread, startThread } from '#server/comments/threads.server.ts'
import type { Services } from '#server/context.server.ts'
import { answerReview, recordSuggestionDecision, requestReview } from '#server/sections/reviews.server.ts'
import { commentBodySchema, startThreadSchema } from '#shared/validation/comments.ts'
import {
	answerReviewSchema,
	requestReviewSchema,
	suggestionDecisionSchema,
} from '#shared/validation/reviews.ts'

/**
 * One submission of the section page's forms, by intent: in the Comments panel, start a thread,
 * reply, resolve or reopen, delete one's own comment; in the Reviews card, ask someone to review,
 * answer a review. The operations decide who may (403 otherwise); a form that does not validate
 * comes back with its errors next to its fields.
 */
export function handleSectionAction(
	services: Pick<Services, 'db' | 'collab'>,
	person: Viewer,
	sectionId: string,
	formData: FormData,
	at: Date,
) {
	const { db } = services
	const intent = String(formData.get('intent') ?? '')
	const now = at.getTime()
	const threadId = String(formData.get('threadId') ?? '')
	switch (intent) {
		case 'comment-start': {
			const submission = parseWithZod(formData, { schema: startThreadSchema })
			if (submission.status !== 'success')
				return respond(actionReply(intent, { formId: 'comment-start', result: submission.reply() }), 400)
			const outcome = startThread(services, person, sectionId, submission.value, now)
			if (!outcome.ok)
				return respond(actionReply(intent, { formId: 'comment-start', error: outcome.message }), 400)
			return respond(
				actionReply(intent, {
					formId: 'comment-start',
					about: outcome.threadId,
					result: submission.reply({ resetForm: true }),
					notice: 'Your comment is posted.',
				}),
			)
		}
		case 'comment-reply': {
			const formId = `comment-reply-${threadId}`
			const submission = parseWithZod(formData, { schema: commentBodySchema })
			if (submission.status !== 'success')
				return respond(actionReply(intent, { formId, about: threadId, result: submission.reply() }), 400)
			const outcome = replyToThread(db, person, threadId, submission.value, now)
			if (!outcome.ok)
				return respond(actionReply(intent, { formId, about: threadId, error: outcome.message }), 400)
			return respond(
				actionReply(intent, {
					formId,
					about: threadId,
					result: submission.reply({ resetForm: true }),
					notice: 'Your reply is posted.',
				}),
			)
		}
		case 'comment-resolve':
		case 'comment-reopen': {
			const status = intent === 'comment-resolve' ? 'resolved' : 'open'
			setThreadStatus(db, person, threadId, status, now)
			return respond(
				actionReply(intent, {
					about: threadId,
					notice: status === 'resolved' ? 'The thread is resolved.' : 'The thread is open again.',
				}),
			)
		}
		case 'review-request': {
			const submission = parseWithZod(formData, { schema: requestReviewSchema })
			if (submission.status !== 'success')
				return respond(actionReply(intent, { formId: intent, result: submission.reply() }), 400)
			const outcome = requestReview(db, person, sectionId, submission.value.reviewerId, now)
			if (!outcome.ok) return respond(actionReply(intent, { formId: intent, error: outcome.message }), 400)
			return respond(
				actionReply(intent, {
					formId: intent,
					notice: `${outcome.reviewer} is asked to review this section.`,
				}),
			)
		}
		case 'review-answer': {
			const submission = parseWithZod(formData, { schema: answerReviewSchema })
			if (submission.status !== 'success')
				return respond(actionReply(intent, { formId: intent, result: submission.reply() }), 400)
			answerReview(db, person, sectionId, submission.value, now)
			return respond(actionReply(intent, { formId: intent, notice: 'Your review is sent.' }))
		}
		case 'suggestions-decided': {
			const submission = parseWithZod(formData, { schema: suggestionDecisionSchema })
			if (submission.status !== 'success')
				return respond(actionReply(intent, { error: 'That record of suggestions could not be read.' }), 400)
			recordSuggestionDecision(db, person, sectionId, submission.value, now)
			return respond(actionReply(intent, {}))
		}
		case 'comment-edit': {
			const submission = parseWithZod(formData, { schema: commentBodySchema })
			if (submission.status !== 'success')
				return respond(
					actionReply(intent, { about: threadId, error: 'Write the comment, or delete it.' }),
					400,
				)
			const outcome = editComment(db, person, String(formData.get('commentId') ?? ''), submission.value, now)
			if (!outcome.ok) return respond(actionReply(intent, { about: threadId, error: outcome.message }), 400)
			return respond(actionReply(intent, { about: threadId, notice: 'Your comment is saved.' }))
		}
		case 'comment-delete': {
			deleteComment(db, person, String(formData.get('commentId') ?? ''), now)
			return respond(actionReply(intent, { about: threadId, notice: 'Your comment is deleted.' }))
		}
		default:
			throw new Response('Unknown action', { status: 400 })
	}
}
