import { formatNumber } from '#shared/text.ts'
import { type AssignmentItem, AssignmentTable } from './assignment-table.tsx'

/**
 * The list view: open work first, done work folded away under "Done (n)". Done assignments are
 * usually the earliest due, so sorted together they came first, and the first open assignment was
 * dozens of Tabs down the page. When only done work matches (a "Done" filter), it is shown unfolded.
 */
export function AssignmentList({ slug, items }: { slug: string; items: AssignmentItem[] }) {
	const open = items.filter((item) => item.status !== 'done')
	const done = items.filter((item) => item.status === 'done')
	return (
		<>
			{open.length > 0 ? (
				<section className="card" aria-labelledby="open-assignments-heading">
					<h2 id="open-assignments-heading" className="visually-hidden">
						Open assignments
					</h2>
					<AssignmentTable slug={slug} items={open} label="Open assignments" />
				</section>
			) : null}
			{done.length > 0 ? (
				<details className="card done-group" open={open.length === 0}>
					<summary>
						<h2 className="done-group-heading">Done ({formatNumber(done.length)})</h2>
					</summary>
					<AssignmentTable slug={slug} items={done} label="Done assignments" />
				</details>
			) : null}
		</>
	)
}
