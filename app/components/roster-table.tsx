import { PersonCell, SectorCell } from '#app/components/person-cells.tsx'
import { TableScroll } from '#app/components/table-scroll.tsx'
import type { RosterEntry } from '#server/members/roster.server.ts'
import { ROLE_LABELS } from '#shared/labels.ts'

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
		<TableScroll label={caption}>
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
							<PersonCell name={row.name} title={row.title} />
							<td>{row.organization ?? '—'}</td>
							<SectorCell sector={row.sector} />
							<td>{ROLE_LABELS[row.role]}</td>
							{actions ? <td>{actions(row)}</td> : null}
						</tr>
					))}
				</tbody>
			</table>
		</TableScroll>
	)
}
