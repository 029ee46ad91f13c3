import { PHASE_KINDS, type PhaseKind, ROLES, type Role } from './domain.ts'
import { PHASE_LABELS, ROLE_LABELS } from './labels.ts'

type Data = Record<string, unknown> | null

function text(data: Data, key: string): string | null {
	const value = data?.[key]
	return typeof value === 'string' && value.trim() !== '' ? value : null
}

function phase(data: Data, key: string): string | null {
	const value = data?.[key]
	return PHASE_KINDS.includes(value as PhaseKind) ? PHASE_LABELS[value as PhaseKind] : null
}

function role(data: Data, key: string): string | null {
	const value = data?.[key]
	return ROLES.includes(value as Role) ? ROLE_LABELS[value as Role].toLowerCase() : null
}

/** ` “title”`, or nothing when the row does not carry one. */
function quoted(value: string | null): string {
	return value ? ` “${value}”` : ''
}

/**
 * What an activity row says after its actor's name: `phase.advanced` with `{from, to}` reads
 * "advanced the phase from Research to Writing". The data is JSON written by every past version of
 * the code, so each field is checked and a missing one shortens the sentence instead of breaking
 * it. A verb without a sentence yet reads as the verb itself.
 */
export function describeActivity(verb: string, data: Data, subject: string | null = null): string {
	const person = subject ?? text(data, 'name') ?? 'someone'
	switch (verb) {
		case 'member.added': {
			const as = role(data, 'role')
			return `added ${person}${as ? ` as ${as}` : ''}`
		}
		case 'member.role_changed': {
			const to = role(data, 'to')
			return to ? `made ${person} ${to}` : `changed the role of ${person}`
		}
		case 'member.removed':
			return `removed ${person} from the task force`
		case 'invitation.created': {
			const email = text(data, 'email')
			const as = role(data, 'role')
			return `invited ${email ?? 'someone'}${as ? ` as ${as}` : ''}`
		}
		case 'invitation.accepted':
			return 'accepted the invitation and joined'
		case 'task_force.created':
			return 'created the task force'
		case 'phase.advanced': {
			const from = phase(data, 'from')
			const to = phase(data, 'to')
			if (from && to) return `advanced the phase from ${from} to ${to}`
			return to ? `advanced the phase to ${to}` : 'advanced the phase'
		}
		case 'milestone.completed':
			return `completed the milestone${quoted(text(data, 'title'))}`
		case 'milestone.waived': {
			const reason = text(data, 'reason')
			return `waived the milestone${quoted(text(data, 'title'))}${reason ? ` (${reason})` : ''}`
		}
		default:
			return verb
	}
}
