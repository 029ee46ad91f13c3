import type { RosterEntry } from '#server/task-forces/members.server.ts'
import { ROLE_LABELS, SECTOR_LABELS } from '#shared/labels.ts'

/** The people of a task force with their organization and sector; scrolls sideways on a phone. */
export function RosterTable({
	rows,
	caption,
	actions,
}: {
	rows: RosterEntry[]
	caption: string
	/** Controls for each row (co-chairs managing members); adds a column when given. */
	actions?: (row: RosterEntry) => React.ReactNode
}) {
	return (
		// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it (WCAG 2.1.1).
		<section className="table-scroll" aria-label={caption} tabIndex={0}>
			<table className="table">
				<caption className="visually-hidden">{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Name</th>
						<th scope="col">Organization</th>
						<th scope="col">Sector</th>
						<th scope="col">Role</th>
						{actions ? <th scope="col">Manage</th> : null}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.id}>
							<th scope="row">
								<span className="person-name">{row.name}</span>
								{row.title ? <span className="person-title">{row.title}</span> : null}
							</th>
							<td>{row.organization ?? '—'}</td>
							<td>
								{row.sector ? (
									<span className={`sector sector-${row.sector}`}>{SECTOR_LABELS[row.sector]}</span>
								) : (
									'—'
								)}
							</td>
							<td>{ROLE_LABELS[row.role]}</td>
							{actions ? <td>{actions(row)}</td> : null}
						</tr>
					))}
				</tbody>
			</table>
		</section>
	)
}
