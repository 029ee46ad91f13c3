import { Form } from 'react-router'
import { plural } from '#shared/text.ts'

type Props = {
	name: string
	openAssignments: number
	sections: number
	doneAssignments: number
	/** The server's refusal of the last attempt, if any. */
	error: string | null
	busy: boolean
}

/**
 * Deleting a subcommittee. While it has open work the page says what to do instead (and the server
 * refuses too); otherwise it spells out what goes and what stays, and asks for a confirmation when
 * sections would be left without an owner.
 */
export function SubcommitteeDelete({ name, openAssignments, sections, doneAssignments, error, busy }: Props) {
	return (
		<section className="card subcommittee-danger" id="delete" aria-labelledby="delete-heading">
			<h2 id="delete-heading">Delete this subcommittee</h2>
			{error ? (
				<p className="form-error" role="alert">
					{error}
				</p>
			) : null}
			{openAssignments > 0 ? (
				<p className="card-hint">
					{name} cannot be deleted while it has work in progress.{' '}
					<a href="#open-assignments">
						Reassign or finish its {plural(openAssignments, 'open assignment')} first
					</a>
					.
				</p>
			) : (
				<details className="confirm" open={error !== null || undefined}>
					<summary>Delete {name}…</summary>
					<Form method="post" className="form">
						<input type="hidden" name="intent" value="delete" />
						<ul className="plain-list">
							<li>Its members stay in the task force; only their seats at this table go.</li>
							{doneAssignments > 0 ? (
								<li>
									Its {plural(doneAssignments, 'finished assignment')} {doneAssignments === 1 ? 'is' : 'are'}{' '}
									deleted with it.
								</li>
							) : null}
							<li>The activity log keeps the record of everything it did.</li>
						</ul>
						{sections > 0 ? (
							<div className="subcommittee-confirm-field">
								<input id="confirm-sections" type="checkbox" name="confirmSections" value="yes" required />
								<label htmlFor="confirm-sections">
									Leave its {plural(sections, 'section')} without a subcommittee until a co-chair gives{' '}
									{sections === 1 ? 'it' : 'them'} to another.
								</label>
							</div>
						) : null}
						<div>
							<button type="submit" className="button button-danger" disabled={busy}>
								Delete {name}
							</button>
						</div>
					</Form>
				</details>
			)}
		</section>
	)
}
