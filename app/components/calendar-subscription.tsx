import { useState } from 'react'
import { Form } from 'react-router'
import { formatDate } from '#shared/dates.ts'

type Props = {
	/** The live link's creation time (ms), or null when the person has none. */
	feed: { createdAt: number } | null
	/** What the last calendar action said; `url` only right after creating a link. */
	outcome: { message: string; url: string | null } | null
	busy: boolean
}

/**
 * Copies the link. Without clipboard access (a plain-http address) it selects the field instead,
 * so the person can copy with their keyboard.
 */
function CopyButton({ text, fieldId }: { text: string; fieldId: string }) {
	const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle')
	const selectField = () => {
		const field = document.getElementById(fieldId)
		if (field instanceof HTMLInputElement) field.select()
		setState('selected')
	}
	return (
		<>
			<button
				type="button"
				className="button button-secondary button-small"
				onClick={() => {
					if (!navigator.clipboard) return selectField()
					navigator.clipboard.writeText(text).then(() => setState('copied'), selectField)
				}}
			>
				Copy link
			</button>{' '}
			<span aria-live="polite">
				{state === 'copied'
					? 'Copied.'
					: state === 'selected'
						? 'Selected: press Ctrl+C (⌘C on a Mac) to copy.'
						: ''}
			</span>
		</>
	)
}

/**
 * The account page's calendar subscription: create, replace or revoke the private link that
 * calendar programs poll. The link is shown once, right after it is made: only its hash is kept.
 */
export function CalendarSubscription({ feed, outcome, busy }: Props) {
	const created = feed ? formatDate(new Date(feed.createdAt).toISOString().slice(0, 10)) : null
	return (
		<section className="card" aria-labelledby="calendar-heading">
			<h2 id="calendar-heading">Calendar subscription</h2>
			<p className="card-hint">
				A private link that puts the phases, milestones and publication dates of every task force you belong
				to, and your own assignments, in your calendar program. It keeps itself up to date.
			</p>

			{outcome ? (
				<div className="notice" role="status">
					<p>{outcome.message}</p>
					{outcome.url ? (
						<>
							<p>
								<label htmlFor="calendar-link">Your subscription link (shown only this once)</label>
							</p>
							<p>
								<input
									id="calendar-link"
									className="copy-field"
									readOnly
									value={outcome.url}
									onFocus={(event) => event.currentTarget.select()}
								/>
							</p>
							<p>
								<CopyButton text={outcome.url} fieldId="calendar-link" />
							</p>
							<p>
								In Google Calendar choose “Other calendars”, then “From URL”; in Outlook, “Add calendar”, then
								“Subscribe from web”.
							</p>
						</>
					) : null}
				</div>
			) : null}

			<p>
				<strong>Anyone who has the link can read these dates and your assignments.</strong> Keep it to
				yourself, and revoke it here if it is shared by mistake.
			</p>
			<p>
				{created ? `You have a subscription link, created ${created}.` : 'You have no subscription link.'}
			</p>
			<div className="form">
				<Form method="post">
					<input type="hidden" name="intent" value="calendar-create" />
					<button type="submit" className="button" disabled={busy}>
						{feed ? 'Replace the link' : 'Create link'}
					</button>
					{feed ? (
						<p className="card-hint">A new link replaces the current one, which stops working.</p>
					) : null}
				</Form>
				{feed ? (
					<details className="confirm">
						<summary>Revoke the link…</summary>
						<Form method="post">
							<input type="hidden" name="intent" value="calendar-revoke" />
							<button type="submit" className="button button-danger button-small" disabled={busy}>
								Revoke the subscription link
							</button>
						</Form>
					</details>
				) : null}
			</div>
		</section>
	)
}
