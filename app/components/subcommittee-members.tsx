import { Form } from 'react-router'
import { PersonCell, SectorCell } from '#app/components/person-cells.tsx'
import { SectorMix } from '#app/components/sector-mix.tsx'
import { TableScroll } from '#app/components/table-scroll.tsx'
import type { SubcommitteePage } from '#server/subcommittees/subcommittee-page.server.ts'
import { ROLE_LABELS } from '#shared/labels.ts'
import { plural } from '#shared/text.ts'

type Member = SubcommitteePage['members'][number]

/** What someone is at this table: its lead, a member, and (when it matters) their task-force role. */
function standing(member: Member): string {
	if (member.role === null) return 'No longer in the task force'
	if (member.role === 'observer') return 'Observer (reads only)'
	const seat = member.isLead ? 'Lead' : 'Member'
	return member.role === 'co_chair' ? `${seat} · ${ROLE_LABELS.co_chair}` : seat
}

/** Removal asks twice (a disclosure, then the button); both work without JavaScript. */
function RemoveControl({ member, busy }: { member: Member; busy: boolean }) {
	return (
		<details className="confirm">
			<summary>
				Remove<span className="visually-hidden"> {member.name}</span>…
			</summary>
			<Form method="post">
				<input type="hidden" name="intent" value="remove-member" />
				<input type="hidden" name="userId" value={member.id} />
				{member.isLead ? (
					<p className="field-hint">The subcommittee will have no lead until one is chosen.</p>
				) : null}
				<button type="submit" className="button button-danger button-small" disabled={busy}>
					Remove {member.name} from the subcommittee
				</button>
			</Form>
		</details>
	)
}

/**
 * The subcommittee's people: the sector mix first (the task force promises public-sector-led work,
 * so a table without local government is called out), then everyone with organization and sector.
 */
export function SubcommitteeMembers({
	name,
	members,
	sectors,
	canRemove,
	busy,
}: {
	name: string
	members: SubcommitteePage['members']
	sectors: SubcommitteePage['sectors']
	canRemove: boolean
	busy: boolean
}) {
	const hasLocalGovernment = sectors.some((entry) => entry.sector === 'local_government')
	return (
		<section className="card" id="members" aria-labelledby="members-heading">
			<div className="card-header">
				<h2 id="members-heading">Members</h2>
				<span className="count">{plural(members.length, 'member')}</span>
			</div>
			<h3 className="subheading subcommittee-subheading">Sector mix</h3>
			<SectorMix counts={sectors} label={`Members of ${name} by sector`} />
			{!hasLocalGovernment ? (
				<p className="note-warning">
					No local-government member. The task force is meant to be led by the public sector; consider adding
					someone from a city or county.
				</p>
			) : null}
			{members.length > 0 ? (
				<TableScroll label={`Members of ${name}`}>
					<table className="table subcommittee-members">
						<caption className="visually-hidden">Members of {name}, lead first</caption>
						<thead>
							<tr>
								<th scope="col">Name</th>
								<th scope="col">Organization</th>
								<th scope="col">Sector</th>
								<th scope="col">Role</th>
								{canRemove ? <th scope="col">Manage</th> : null}
							</tr>
						</thead>
						<tbody>
							{members.map((member) => (
								<tr key={member.id}>
									<PersonCell name={member.name} title={member.title} />
									<td>{member.organization ?? '—'}</td>
									<SectorCell sector={member.sector} />
									<td className={member.isLead ? 'subcommittee-lead-cell' : undefined}>{standing(member)}</td>
									{canRemove ? (
										<td>
											<RemoveControl member={member} busy={busy} />
										</td>
									) : null}
								</tr>
							))}
						</tbody>
					</table>
				</TableScroll>
			) : null}
		</section>
	)
}
