import { Form } from 'react-router'

/**
 * Deleting an assignment asks twice (a disclosure, then the button), and both work without
 * JavaScript. Co-chairs and the subcommittee's lead only.
 */
export function AssignmentDelete({ title, busy }: { title: string; busy: boolean }) {
	return (
		<section className="card" aria-labelledby="delete-heading">
			<h2 id="delete-heading">Delete</h2>
			<details className="confirm">
				<summary>Delete this assignment…</summary>
				<p className="card-hint">
					“{title}” disappears from the lists and the board. The activity log keeps a note that it existed.
				</p>
				<Form method="post">
					<input type="hidden" name="intent" value="delete" />
					<button type="submit" className="button button-danger button-small" disabled={busy}>
						Delete “{title}”
					</button>
				</Form>
			</details>
		</section>
	)
}
