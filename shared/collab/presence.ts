import type { Role } from '../domain.ts'
import { caretColor } from './caret-color.ts'

/**
 * Who a presence state (caret label, presence list) names. The collaboration server writes it into
 * every awareness state from the connection's signed-in person, whatever the browser sent; the
 * section page gives the browser the same value for its own view.
 */
export type PresenceUser = {
	id: string
	name: string
	organization: string | null
	color: string
	role: Role
}

export function presenceUser(
	person: { id: string; name: string },
	organization: string | null,
	role: Role,
): PresenceUser {
	return { id: person.id, name: person.name, organization, color: caretColor(person.id), role }
}
