import {
	ASSIGNMENT_STATUSES,
	type AssignmentStatus,
	PHASE_KINDS,
	type PhaseKind,
	ROLES,
	type Role,
	SECTION_STATUSES,
	type SectionStatus,
} from './domain.ts'
import { ASSIGNMENT_STATUS_LABELS, PHASE_LABELS, ROLE_LABELS, SECTION_STATUS_LABELS } from './labels.ts'

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

function sectionStatus(data: Data, key: string): string | null {
	const value = data?.[key]
	return SECTION_STATUSES.includes(value as SectionStatus)
		? SECTION_STATUS_LABELS[value as SectionStatus].toLowerCase()
		: null
}

function status(data: Data, key: string): string | null {
	const value = data?.[key]
	return ASSIGNMENT_STATUSES.includes(value as AssignmentStatus)
		? ASSIGNMENT_STATUS_LABELS[value as AssignmentStatus].toLowerCase()
		: null
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
			if (data?.to === 'published') return `published the task force${from ? ` at the end of ${from}` : ''}`
			const to = phase(data, 'to')
			if (from && to) return `advanced the phase from ${from} to ${to}`
			return to ? `advanced the phase to ${to}` : 'advanced the phase'
		}
		case 'phase.reopened': {
			const to = phase(data, 'to')
			const from = phase(data, 'from')
			const reason = text(data, 'reason')
			const what = to ? `reopened ${to}` : 'reopened the previous phase'
			return `${what}${from ? `, moving back from ${from}` : ''}${reason ? ` (“${reason}”)` : ''}`
		}
		case 'milestone.completed':
			return `completed the milestone${quoted(text(data, 'title'))}`
		case 'milestone.created':
			return `added the milestone${quoted(text(data, 'title'))}`
		case 'milestone.updated':
			return `changed the milestone${quoted(text(data, 'title'))}`
		case 'milestone.reopened':
			return `reopened the milestone${quoted(text(data, 'title'))}`
		case 'milestone.deleted':
			return `deleted the milestone${quoted(text(data, 'title'))}`
		case 'phase.dates_changed': {
			const which = phase(data, 'kind') ?? phase(data, 'phase')
			return which ? `changed the dates of the ${which} phase` : 'changed the phase dates'
		}
		case 'task_force.publication_date_changed': {
			const to = text(data, 'to')
			return to ? `moved the publication date to ${to}` : 'changed the publication date'
		}
		case 'assignment.created':
			return `created the assignment${quoted(text(data, 'title'))}`
		case 'assignment.updated':
			return `edited the assignment${quoted(text(data, 'title'))}`
		case 'assignment.deleted':
			return `deleted the assignment${quoted(text(data, 'title'))}`
		case 'assignment.status_changed': {
			const to = status(data, 'to')
			const reason = text(data, 'reason')
			const what = `the assignment${quoted(text(data, 'title'))}`
			if (!to) return `changed the status of ${what}`
			return `moved ${what} to ${to}${to === 'blocked' && reason ? ` (${reason})` : ''}`
		}
		case 'section.created':
			return `added the section${quoted(text(data, 'title'))}`
		case 'section.renamed': {
			const to = text(data, 'to')
			return `renamed the section${quoted(text(data, 'from'))}${to ? ` to “${to}”` : ''}`
		}
		case 'section.moved':
			return `moved the section${quoted(text(data, 'title'))} in the outline`
		case 'section.updated':
			return `changed the details of the section${quoted(text(data, 'title'))}`
		case 'section.removed':
			return `removed the section${quoted(text(data, 'title'))} from the outline`
		case 'section.restored':
			return `restored the section${quoted(text(data, 'title'))} to the outline`
		case 'section.status_changed': {
			const to = sectionStatus(data, 'to')
			const note = text(data, 'note')
			const what = `the section${quoted(text(data, 'title'))}`
			const unsettled = text(data, 'unsettled')
			if (!to) return `changed the status of ${what}`
			if (unsettled) return `moved ${what} to ${to} with ${unsettled} (“${text(data, 'reason') ?? ''}”)`
			return `moved ${what} to ${to}${note ? ` (“${note}”)` : ''}`
		}
		case 'section.review_requested': {
			const who = text(data, 'reviewer')
			return `asked ${who ?? 'someone'} to review the section${quoted(text(data, 'title'))}`
		}
		case 'section.reviewed': {
			const note = text(data, 'note')
			const verdict = data?.decision === 'approve' ? 'approved' : 'asked for changes to'
			return `reviewed and ${verdict} the section${quoted(text(data, 'title'))}${note ? ` (“${note}”)` : ''}`
		}
		case 'section.suggestions_decided': {
			const count = typeof data?.count === 'number' ? data.count : 0
			const authors = Array.isArray(data?.authors)
				? (data.authors as unknown[]).filter((a) => typeof a === 'string')
				: []
			const what = count === 1 ? 'a suggestion' : `${count} suggestions`
			const by = authors.length > 0 ? ` by ${authors.join(', ')}` : ''
			return `${data?.decision === 'rejected' ? 'rejected' : 'accepted'} ${what}${by} in the section${quoted(text(data, 'title'))}`
		}
		case 'section.version_restored': {
			const label = text(data, 'label')
			return `restored ${label ? `the version “${label}” of ` : 'an earlier version of '}the section${quoted(text(data, 'title'))}`
		}
		case 'comment.thread_started':
			return `commented on${quoted(text(data, 'quote')) || ' a passage'} in the section${quoted(text(data, 'title'))}`
		case 'comment.replied':
			return `replied to the comment on${quoted(text(data, 'quote')) || ' a passage'} in the section${quoted(text(data, 'title'))}`
		case 'comment.deleted':
			return `deleted a comment in the section${quoted(text(data, 'title'))}`
		case 'comment.thread_resolved':
			return `resolved the comment on${quoted(text(data, 'quote')) || ' a passage'} in the section${quoted(text(data, 'title'))}`
		case 'comment.thread_reopened':
			return `reopened the comment on${quoted(text(data, 'quote')) || ' a passage'} in the section${quoted(text(data, 'title'))}`
		case 'edition.published': {
			const note = text(data, 'changeNote')
			return `published edition ${text(data, 'number') ?? ''} of${quoted(text(data, 'title')) || ' the document'}${note ? ` (${note})` : ''}`
		}
		case 'task_force.public_page_changed':
			return data?.open === true
				? 'opened the public page of the editions'
				: 'closed the public page of the editions'
		case 'records.exported':
			return `exported the records archive${text(data, 'organization') ? ` for ${text(data, 'organization')}` : ''}`
		case 'task_force.observer_comments_changed':
			return data?.allowed === true ? 'let observers comment' : 'stopped observers from commenting'
		case 'subcommittee.created':
			return `created the subcommittee${quoted(text(data, 'name'))}`
		case 'subcommittee.renamed': {
			const to = text(data, 'to')
			return `renamed the subcommittee${quoted(text(data, 'from'))}${to ? ` to “${to}”` : ''}`
		}
		case 'subcommittee.charge_changed':
			return `rewrote the charge of the subcommittee${quoted(text(data, 'name'))}`
		case 'subcommittee.lead_changed': {
			const to = text(data, 'to')
			return to
				? `made ${to} lead of${quoted(text(data, 'name')) || ' a subcommittee'}`
				: 'changed a subcommittee lead'
		}
		case 'subcommittee.member_added':
			return `added ${text(data, 'member') ?? person} to the subcommittee${quoted(text(data, 'subcommittee'))}`
		case 'subcommittee.member_removed':
			return `removed ${text(data, 'member') ?? person} from the subcommittee${quoted(text(data, 'subcommittee'))}`
		case 'subcommittee.deleted':
			return `deleted the subcommittee${quoted(text(data, 'name'))}`
		case 'milestone.waived': {
			const reason = text(data, 'reason')
			return `waived the milestone${quoted(text(data, 'title'))}${reason ? ` (${reason})` : ''}`
		}
		default:
			return verb
	}
}
