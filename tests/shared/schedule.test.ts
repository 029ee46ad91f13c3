import { expect, test } from 'vitest'
import { isAssignmentOverdue, milestoneState } from '#shared/schedule.ts'

const today = '2026-11-28'
const open = { completedAt: null, waivedReason: null }

test('a milestone is overdue after its date, due soon within seven days, upcoming after that', () => {
	expect(milestoneState({ ...open, dueOn: '2026-11-27' }, today)).toBe('overdue')
	expect(milestoneState({ ...open, dueOn: '2026-11-28' }, today)).toBe('due_soon')
	expect(milestoneState({ ...open, dueOn: '2026-12-05' }, today)).toBe('due_soon')
	expect(milestoneState({ ...open, dueOn: '2026-12-06' }, today)).toBe('upcoming')
})

test('a done or waived milestone is never overdue', () => {
	expect(milestoneState({ dueOn: '2026-10-01', completedAt: 1, waivedReason: null }, today)).toBe('done')
	expect(
		milestoneState({ dueOn: '2026-10-01', completedAt: null, waivedReason: 'Merged into another' }, today),
	).toBe('waived')
})

test('an assignment is overdue only when its date has passed and it is not done', () => {
	expect(isAssignmentOverdue({ dueOn: '2026-11-27', status: 'in_progress' }, today)).toBe(true)
	expect(isAssignmentOverdue({ dueOn: '2026-11-27', status: 'done' }, today)).toBe(false)
	expect(isAssignmentOverdue({ dueOn: '2026-11-28', status: 'todo' }, today)).toBe(false)
	expect(isAssignmentOverdue({ dueOn: null, status: 'blocked' }, today)).toBe(false)
})
