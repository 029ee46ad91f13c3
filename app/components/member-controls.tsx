import { Form } from 'react-router'
import type { RosterEntry } from '#server/members/roster.server.ts'
import { ROLES } from '#shared/domain.ts'
import { ROLE_LABELS } from '#shared/labels.ts'

/**
 * A co-chair's controls for one member: change the role, or remove them. Removal asks twice (a
 * disclosure, then the button), and both work without JavaScript.
 */
export function MemberControls({ member, busy }: { member: RosterEntry; busy: boolean }) {
	const roleId = `role-${member.id}`
	return (
		<div className="member-controls">
			<Form method="post" className="inline-form">
				<input type="hidden" name="intent" value="role" />
				<input type="hidden" name="userId" value={member.id} />
				<label htmlFor={roleId} className="visually-hidden">
					Role of {member.name}
				</label>
				<select id={roleId} name="role" defaultValue={member.role}>
					{ROLES.map((role) => (
						<option key={role} value={role}>
							{ROLE_LABELS[role]}
						</option>
					))}
				</select>
				<button type="submit" className="button button-secondary button-small" disabled={busy}>
					Change<span className="visually-hidden"> role of {member.name}</span>
				</button>
			</Form>
			<details className="confirm">
				<summary>
					Remove<span className="visually-hidden"> {member.name}</span>…
				</summary>
				<Form method="post">
					<input type="hidden" name="intent" value="remove" />
					<input type="hidden" name="userId" value={member.id} />
					<button type="submit" className="button button-danger button-small" disabled={busy}>
						Remove {member.name} from the task force
					</button>
				</Form>
			</details>
		</div>
	)
}
