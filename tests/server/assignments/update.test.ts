import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, assignments } from '#db/schema/index.ts'
import { changeAssignmentStatus, conflictMessage } from '#server/assignments/status.server.ts'
import { deleteAssignment, updateAssignment } from '#server/assignments/update.server.ts'
import type { AssignmentEditInput } from '#shared/validation/assignments.ts'
import { createWorkflowSetting, insertAssignment, NOW } from '../../factories/assignments.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const assignment = insertAssignment(db, world, { assigneeId: world.people.writer.id })
	const form = (overrides: Partial<AssignmentEditInput> = {}): AssignmentEditInput => ({
		intent: 'save',
		title: assignment.title,
		details: '',
		subcommitteeId: world.engagement.id,
		assigneeId: world.people.writer.id,
		phaseKind: 'writing',
		dueOn: '2026-12-10',
		status: 'todo',
		revision: 0,
		...overrides,
	})
	const save = (actorId: string, input: AssignmentEditInput, now = NOW) =>
		updateAssignment(db, {
			taskForceId: world.taskForce.id,
			actor: { id: actorId, isAdmin: false },
			assignmentId: assignment.id,
			input,
			now,
		})
	const row = () => db.select().from(assignments).where(eq(assignments.id, assignment.id)).get()
	const log = () => db.select().from(activity).all()
	return { db, world, assignment, form, save, row, log }
}

describe('saving an assignment', () => {
	test('a save bumps the revision, notes who and when, and records what changed by name', () => {
		const { world, form, save, row, log } = setting()
		const outcome = save(
			world.people.chair.id,
			form({ title: 'Draft the section', assigneeId: world.people.lead.id }),
		)
		expect(outcome).toEqual({ kind: 'saved', title: 'Draft the section' })
		expect(row()).toMatchObject({
			title: 'Draft the section',
			assigneeId: world.people.lead.id,
			revision: 1,
			updatedAt: NOW,
			updatedBy: world.people.chair.id,
		})
		expect(log()).toEqual([
			expect.objectContaining({
				verb: 'assignment.updated',
				actorId: world.people.chair.id,
				data: {
					title: 'Draft the section',
					changes: {
						title: { from: 'Draft the engagement section', to: 'Draft the section' },
						assignee: { from: 'Sam Rivera', to: 'Renée Okafor' },
					},
				},
			}),
		])
	})

	test('the second of two co-chairs who opened the same revision is refused, with the first one’s name and values', () => {
		const { world, form, save, row } = setting()
		expect(save(world.people.chair.id, form({ title: 'First title' })).kind).toBe('saved')
		const second = save(world.people.otherChair.id, form({ title: 'Second title' }))
		if (second.kind !== 'conflict') throw new Error(`expected a conflict, got ${second.kind}`)
		expect(second.by).toBe('Dana Whitfield')
		expect(second.current).toMatchObject({ title: 'First title', revision: 1 })
		expect(conflictMessage(second)).toMatch(/^Changed by Dana Whitfield since you opened it\./)
		expect(row()).toMatchObject({ title: 'First title', revision: 1, updatedBy: world.people.chair.id })
		// Having seen the current values, saving from the current revision goes through.
		expect(save(world.people.otherChair.id, form({ title: 'Second title', revision: 1 })).kind).toBe('saved')
		expect(row()).toMatchObject({ title: 'Second title', revision: 2 })
	})

	test('saving what is already there changes nothing and keeps the revision', () => {
		const { world, form, save, row, log } = setting()
		expect(save(world.people.chair.id, form())).toEqual({ kind: 'unchanged' })
		expect(row()?.revision).toBe(0)
		expect(log()).toEqual([])
	})

	test('an editor may move the work only to a subcommittee they may create work in', () => {
		const { db, world, assignment, form } = setting()
		const outcome = updateAssignment(db, {
			taskForceId: world.taskForce.id,
			actor: { id: world.people.lead.id, isAdmin: false },
			assignmentId: assignment.id,
			input: form({ subcommitteeId: world.procurement.id, assigneeId: undefined }),
			now: NOW,
		})
		expect(outcome).toEqual({
			kind: 'invalid',
			field: 'subcommitteeId',
			message: 'You can move it only to a subcommittee you lead.',
		})
	})

	test('an assignee who is not in the new subcommittee is a field error', () => {
		const { world, form, save } = setting()
		expect(save(world.people.chair.id, form({ subcommitteeId: world.procurement.id }))).toMatchObject({
			kind: 'invalid',
			field: 'assigneeId',
		})
	})

	test('blocking stores the reason and records it with the status change; unblocking clears it', () => {
		const { world, form, save, row, log } = setting()
		save(world.people.chair.id, form({ status: 'blocked', blockedReason: 'Waiting for the city attorney' }))
		expect(row()).toMatchObject({ status: 'blocked', blockedReason: 'Waiting for the city attorney' })
		expect(log().at(-1)).toMatchObject({
			verb: 'assignment.status_changed',
			data: {
				title: 'Draft the engagement section',
				from: 'todo',
				to: 'blocked',
				reason: 'Waiting for the city attorney',
			},
		})
		save(world.people.chair.id, form({ status: 'in_progress', revision: 1 }))
		expect(row()).toMatchObject({ status: 'in_progress', blockedReason: null })
	})
})

describe('changing only the status', () => {
	function move(
		s: ReturnType<typeof setting>,
		status: 'todo' | 'in_progress' | 'blocked' | 'done',
		expected: { revision?: number; status?: 'todo' | 'in_progress' | 'blocked' | 'done' },
		blockedReason?: string,
		now = NOW,
	) {
		return changeAssignmentStatus(s.db, {
			taskForceId: s.world.taskForce.id,
			actor: { id: s.world.people.writer.id, isAdmin: false },
			assignmentId: s.assignment.id,
			status,
			blockedReason,
			expected,
			now,
		})
	}

	test('done sets when it was completed; leaving done clears it', () => {
		const s = setting()
		expect(move(s, 'done', { revision: 0 })).toMatchObject({ kind: 'changed', from: 'todo', to: 'done' })
		expect(s.row()).toMatchObject({
			status: 'done',
			completedAt: NOW,
			revision: 1,
			updatedBy: s.world.people.writer.id,
		})
		move(s, 'in_progress', { revision: 1 }, undefined, NOW + 1000)
		expect(s.row()).toMatchObject({ status: 'in_progress', completedAt: null, revision: 2 })
		expect(s.log().map((entry) => entry.data)).toEqual([
			{ title: 'Draft the engagement section', from: 'todo', to: 'done' },
			{ title: 'Draft the engagement section', from: 'done', to: 'in_progress' },
		])
	})

	test('blocked keeps the reason, and a new reason for a block is recorded as an update', () => {
		const s = setting()
		move(s, 'blocked', { revision: 0 }, 'No survey data yet')
		expect(s.row()).toMatchObject({ status: 'blocked', blockedReason: 'No survey data yet' })
		move(s, 'blocked', { revision: 1 }, 'Survey data arrives Friday')
		expect(s.log().at(-1)).toMatchObject({
			verb: 'assignment.updated',
			data: { changes: { blockedReason: { from: 'No survey data yet', to: 'Survey data arrives Friday' } } },
		})
		move(s, 'done', { revision: 2 })
		expect(s.row()).toMatchObject({ status: 'done', blockedReason: null })
	})

	test('a status form opened before someone else’s save is refused', () => {
		const s = setting()
		s.save(s.world.people.chair.id, s.form({ title: 'Renamed' }))
		const outcome = move(s, 'done', { revision: 0 })
		expect(outcome).toMatchObject({ kind: 'conflict', by: 'Dana Whitfield' })
		expect(s.row()?.status).toBe('todo')
	})

	test('the board names the status it showed: a renamed card still moves, a moved one is refused', () => {
		const s = setting()
		s.save(s.world.people.chair.id, s.form({ title: 'Renamed' }))
		expect(move(s, 'in_progress', { status: 'todo' }).kind).toBe('changed')
		expect(move(s, 'done', { status: 'todo' })).toMatchObject({ kind: 'conflict', by: 'Sam Rivera' })
		// Asking for what is already so is no conflict.
		expect(move(s, 'in_progress', { status: 'todo' })).toEqual({ kind: 'unchanged', title: 'Renamed' })
	})
})

test('deleting an assignment removes it and records its title', () => {
	const { db, world, assignment, log } = setting()
	const outcome = deleteAssignment(db, {
		taskForceId: world.taskForce.id,
		actor: { id: world.people.lead.id, isAdmin: false },
		assignmentId: assignment.id,
		now: NOW,
	})
	expect(outcome).toEqual({ title: 'Draft the engagement section' })
	expect(db.select().from(assignments).all()).toEqual([])
	expect(log()).toEqual([
		expect.objectContaining({ verb: 'assignment.deleted', data: { title: 'Draft the engagement section' } }),
	])
})
