import { expect, test } from 'vitest'
import { describeActivity } from '#shared/activity.ts'

test('activity reads as a sentence after the actor’s name', () => {
	expect(describeActivity('phase.advanced', { from: 'research', to: 'writing' })).toBe(
		'advanced the phase from Research to Writing',
	)
	expect(describeActivity('member.added', { role: 'observer' }, 'Olivia Grant')).toBe(
		'added Olivia Grant as observer',
	)
	expect(describeActivity('member.role_changed', { from: 'member', to: 'co_chair' }, 'Sam Rivera')).toBe(
		'made Sam Rivera co-chair',
	)
	expect(describeActivity('member.removed', { name: 'Priya Natarajan' })).toBe(
		'removed Priya Natarajan from the task force',
	)
	expect(describeActivity('invitation.created', { email: 'a@b.gov', role: 'member' })).toBe(
		'invited a@b.gov as member',
	)
})

test('old or partial data shortens the sentence instead of breaking it', () => {
	expect(describeActivity('phase.advanced', { to: 'bogus' })).toBe('advanced the phase')
	expect(describeActivity('member.role_changed', null, 'Sam Rivera')).toBe('changed the role of Sam Rivera')
	expect(describeActivity('something.new', null)).toBe('something.new')
})

test('workflow changes read as sentences too', () => {
	expect(
		describeActivity('assignment.status_changed', {
			title: 'Draft the opening',
			from: 'todo',
			to: 'in_progress',
		}),
	).toBe('moved the assignment “Draft the opening” to in progress')
	expect(
		describeActivity('assignment.status_changed', {
			title: 'Sign-off',
			to: 'blocked',
			reason: 'Waiting for legal',
		}),
	).toBe('moved the assignment “Sign-off” to blocked (Waiting for legal)')
	expect(describeActivity('milestone.created', { title: 'First drafts due' })).toBe(
		'added the milestone “First drafts due”',
	)
	expect(describeActivity('subcommittee.renamed', { from: 'Data', to: 'Open Data and 311' })).toBe(
		'renamed the subcommittee “Data” to “Open Data and 311”',
	)
})

test('sections and publication read as sentences', () => {
	expect(describeActivity('phase.advanced', { from: 'publishing', to: 'published' })).toBe(
		'published the task force at the end of Publishing',
	)
	expect(
		describeActivity('section.status_changed', {
			title: 'Workforce',
			from: 'in_review',
			to: 'drafting',
			note: 'Add sources',
		}),
	).toBe('moved the section “Workforce” to drafting (“Add sources”)')
	expect(describeActivity('section.version_restored', { title: 'Workforce', label: 'End of writing' })).toBe(
		'restored the version “End of writing” of the section “Workforce”',
	)
})
