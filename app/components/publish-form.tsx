import { Form } from 'react-router'
import type { ActionReply } from '#app/forms/action-reply.ts'
import { whileBusy } from './forms.tsx'

type Props = {
	publish: {
		next: string
		needsChangeNote: boolean
		changeNoteMin: number
		reasonMin: number
		leavesPhase: boolean
		unmet: string[]
		blocking: number
	}
	actionData: ActionReply | undefined
	busy: boolean
}

/**
 * A co-chair's form to publish the next edition: what the gate still lacks (a reason then lets it
 * through), the change note a correction needs, and the blocking accessibility findings, which no
 * reason lets through.
 */
export function PublishForm({ publish, actionData, busy }: Props) {
	const error = actionData?.intent === 'publish' ? actionData.error : null
	const field = actionData?.intent === 'publish' ? actionData.about : null
	return (
		<section className="card" aria-labelledby="publish-heading">
			<h2 id="publish-heading">Publish edition {publish.next}</h2>
			<p className="card-hint">
				Freezes the text as it reads here, with its contributors, as edition {publish.next}.
				{publish.leavesPhase ? ' The task force becomes published: the text is read-only for everyone.' : ''}
			</p>
			{publish.blocking > 0 ? (
				<p className="read-blocked">
					{publish.blocking === 1
						? '1 accessibility finding must be fixed first.'
						: `${publish.blocking} accessibility findings must be fixed first.`}
				</p>
			) : null}
			{publish.unmet.length > 0 ? (
				<>
					<p>The gate is not met:</p>
					<ul className="list">
						{publish.unmet.map((item) => (
							<li key={item}>{item}</li>
						))}
					</ul>
				</>
			) : null}
			{error && field !== 'reason' && field !== 'changeNote' ? (
				<p className="form-error" role="alert" id="publish-error">
					{error}
				</p>
			) : null}
			<Form method="post" className="form">
				<input type="hidden" name="intent" value="publish" />
				{publish.needsChangeNote ? (
					<div className="field">
						<label htmlFor="publish-change-note">What changed since the last edition</label>
						<textarea
							id="publish-change-note"
							name="changeNote"
							rows={3}
							aria-invalid={field === 'changeNote' || undefined}
							aria-describedby={field === 'changeNote' ? 'publish-change-note-error' : undefined}
						/>
						{field === 'changeNote' ? (
							<p className="field-errors" id="publish-change-note-error">
								{error}
							</p>
						) : null}
					</div>
				) : null}
				{publish.unmet.length > 0 ? (
					<div className="field">
						<label htmlFor="publish-reason">
							Why publish anyway (at least {publish.reasonMin} characters)
						</label>
						<textarea
							id="publish-reason"
							name="reason"
							rows={3}
							aria-invalid={field === 'reason' || undefined}
							aria-describedby={field === 'reason' ? 'publish-reason-error' : undefined}
						/>
						{field === 'reason' ? (
							<p className="field-errors" id="publish-reason-error">
								{error}
							</p>
						) : null}
					</div>
				) : null}
				<button type="submit" className="button" {...whileBusy(busy)}>
					Publish edition {publish.next}
				</button>
			</Form>
		</section>
	)
}
