import type { Person } from './types.ts'

/** Disabling and enabling accounts: instance admins, never on their own account. */
export function canSetAccountDisabled(person: Person, userId: string): boolean {
	return person.isAdmin && person.id !== userId
}
