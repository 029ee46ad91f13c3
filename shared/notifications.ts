/**
 * What people are told about (issue #15), and how each kind is delivered by default. A person
 * chooses, per kind, on their account page: by email at once, in a daily digest, or in the app
 * only. The in-app inbox always gets every notification.
 */
export const NOTIFICATION_KINDS = [
	'assignment_assigned',
	'assignment_changed',
	'assignment_reminder',
	'review_requested',
	'review_decided',
	'thread_reply',
	'mention',
	'suggestion_decided',
	'phase_changed',
	'edition_published',
	'member_added',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const EMAIL_DELIVERIES = ['immediate', 'digest', 'off'] as const
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number]

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
	assignment_assigned: 'Work assigned to me or taken off me',
	assignment_changed: 'Changes to my assignments: due dates; blocked or done (for work I created)',
	assignment_reminder: 'Reminders: due in 3 days, due tomorrow, overdue',
	review_requested: 'A review asked of me',
	review_decided: 'A review decision on a section I write',
	thread_reply: 'Replies in comment threads I am in',
	mention: 'When someone @mentions me',
	suggestion_decided: 'My suggestions accepted or rejected',
	phase_changed: 'A phase opens or a gate falls due',
	edition_published: 'A published edition',
	member_added: 'When I am added to a task force',
}

export const EMAIL_DELIVERY_LABELS: Record<EmailDelivery, string> = {
	immediate: 'Email at once',
	digest: 'Daily digest',
	off: 'In Convene only',
}

/** Until a person chooses: what needs them now by email at once, the rest in the digest. */
export const DEFAULT_DELIVERY: Record<NotificationKind, EmailDelivery> = {
	assignment_assigned: 'immediate',
	assignment_changed: 'digest',
	assignment_reminder: 'immediate',
	review_requested: 'immediate',
	review_decided: 'immediate',
	thread_reply: 'digest',
	mention: 'immediate',
	suggestion_decided: 'digest',
	phase_changed: 'digest',
	edition_published: 'immediate',
	member_added: 'immediate',
}
