import { Form } from 'react-router'
import { ErrorList, whileBusy } from '#app/components/forms.tsx'
import type { ActionReply } from '#app/forms/action-reply.ts'
import type { ReviewDecision } from '#shared/domain.ts'

type Review = {
	reviewerId: string
	reviewer: string
	requestedBy: string
	requested: string
	decision: ReviewDecision | null
	note: string | null
	decided: string | null
}

export type ReviewPanelData = {
	reviews: Review[]
	canRequest: boolean
	candidates: Array<{ id: string; name: string }>
	mine: Review | null
}

const DECISION_WORDS: Record<ReviewDecision, string> = {
	approve: 'Approved',
	changes_requested: 'Changes requested',
}

/**
 * The section's reviews, in a region named "Reviews": who was asked, by whom and when, and what
 * each answered with their note. The owning lead or a co-chair asks someone; a reviewer answers
 * here. Plain forms: they work before the page's scripts load.
 */
export function SectionReviews({
	panel,
	reply,
	busy,
}: {
	panel: ReviewPanelData
	reply: ActionReply | undefined
	busy: boolean
}) {
	const errorsOf = (formId: string) =>
		reply?.formId === formId
			? [
					...Object.values(reply.result?.error ?? {})
						.flat()
						.filter((error): error is string => typeof error === 'string'),
					...(reply.error ? [reply.error] : []),
				]
			: []
	const requestErrors = errorsOf('review-request')
	const answerErrors = errorsOf('review-answer')
	if (panel.reviews.length === 0 && !panel.canRequest) return null
	return (
		<section className="card section-reviews" aria-labelledby="reviews-heading">
			<div className="card-header">
				<h2 id="reviews-heading">Reviews</h2>
			</div>
			{reply?.notice && reply.intent.startsWith('review-') ? (
				<p className="notice" role="status">
					{reply.notice}
				</p>
			) : null}
			{panel.reviews.length === 0 ? (
				<p className="muted">Nobody has been asked to review this section yet.</p>
			) : (
				<ul className="list review-list">
					{panel.reviews.map((review) => (
						<li key={review.reviewerId} className="review-row">
							<span className="list-title">
								{review.reviewer}:{' '}
								{review.decision ? (
									<span className={`state state-${review.decision === 'approve' ? 'done' : 'blocked'}`}>
										{DECISION_WORDS[review.decision]}
									</span>
								) : (
									<span className="muted">not answered yet</span>
								)}
							</span>
							<span className="list-detail">
								Asked by {review.requestedBy}, {review.requested}
								{review.decided ? ` · answered ${review.decided}` : ''}
							</span>
							{review.note ? <p className="review-note">{review.note}</p> : null}
						</li>
					))}
				</ul>
			)}
			{panel.mine ? (
				<Form method="post" className="form review-answer">
					<input type="hidden" name="intent" value="review-answer" />
					<fieldset>
						<legend>Your review</legend>
						<label className="choice">
							<input
								type="radio"
								name="decision"
								value="approve"
								defaultChecked={panel.mine.decision === 'approve'}
							/>{' '}
							Approve
						</label>
						<label className="choice">
							<input
								type="radio"
								name="decision"
								value="changes_requested"
								defaultChecked={panel.mine.decision === 'changes_requested'}
							/>{' '}
							Changes requested
						</label>
					</fieldset>
					<div className="field">
						<label htmlFor="review-note">Note</label>
						<p id="review-note-hint" className="field-hint">
							Required when you ask for changes: say what should change.
						</p>
						<textarea
							id="review-note"
							name="note"
							rows={3}
							defaultValue={panel.mine.note ?? ''}
							aria-describedby={
								answerErrors.length > 0 ? 'review-note-hint review-answer-errors' : 'review-note-hint'
							}
						/>
					</div>
					<ErrorList id="review-answer-errors" errors={answerErrors} />
					<div>
						<button type="submit" className="button" {...whileBusy(busy)}>
							Send my review
						</button>
					</div>
				</Form>
			) : null}
			{panel.canRequest ? (
				<Form method="post" className="form review-request">
					<input type="hidden" name="intent" value="review-request" />
					<div className="field">
						<label htmlFor="reviewer">Ask for a review from</label>
						<select
							id="reviewer"
							name="reviewerId"
							aria-describedby={requestErrors.length > 0 ? 'review-request-errors' : undefined}
							defaultValue=""
						>
							<option value="" disabled>
								Choose a member…
							</option>
							{panel.candidates.map((person) => (
								<option key={person.id} value={person.id}>
									{person.name}
								</option>
							))}
						</select>
					</div>
					<ErrorList id="review-request-errors" errors={requestErrors} />
					<div>
						<button type="submit" className="button button-secondary" {...whileBusy(busy)}>
							Request review
						</button>
					</div>
				</Form>
			) : null}
		</section>
	)
}
