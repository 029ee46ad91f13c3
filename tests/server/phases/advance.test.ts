import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, taskForces } from '#db/schema/index.ts'
import { advancePhase } from '#server/phases/advance.server.ts'
import { getCurrentGate } from '#server/phases/schedule.server.ts'
import { sectionAccess } from '#server/policies/section.server.ts'
import { createMilestone, createSection, readPhases } from '../../factories/schedule.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { NOW, scheduleSetting, thrownResponse } from './setting.ts'

const live = recordAccessChanges()

const REASON = 'The board meets next week; drafts are close enough to edit.'

function advancedEntries(db: ReturnType<typeof scheduleSetting>['db']) {
	return db.select().from(activity).where(eq(activity.verb, 'phase.advanced')).all()
}

describe('advancing the phase', () => {
	test('a met gate advances: the current phase completes, the next becomes current, in one step', () => {
		const { db, taskForce, chair, actor, phases } = scheduleSetting()
		createMilestone(db, phases.writing, { completedAt: 5 })
		createSection(db, taskForce.id, { status: 'in_review' })
		const outcome = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'writing',
				now: NOW,
			},
			live,
		)
		expect(outcome).toEqual({ ok: true, from: 'writing', to: 'editing', override: false })
		const after = readPhases(db, taskForce.id)
		expect(after.writing).toMatchObject({ status: 'complete', completedAt: NOW, revision: 1 })
		expect(after.editing).toMatchObject({ status: 'active', enteredAt: NOW, revision: 1 })
		expect(after.publishing).toMatchObject({ status: 'upcoming', revision: 0 })
		expect(advancedEntries(db)[0]).toMatchObject({
			actorId: chair.id,
			subjectId: phases.editing.id,
			data: { from: 'writing', to: 'editing', override: false, unmet: [] },
		})
	})

	test('an unmet gate is refused without a reason, and nothing changes', () => {
		const { db, taskForce, chair, actor, phases } = scheduleSetting()
		createMilestone(db, phases.writing, { title: 'First drafts due' })
		const outcome = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'writing',
				now: NOW,
			},
			live,
		)
		expect(outcome).toMatchObject({ ok: false, field: 'reason' })
		expect(readPhases(db, taskForce.id).writing.status).toBe('active')
		expect(advancedEntries(db)).toEqual([])
	})

	test('a co-chair overrides an unmet gate with a reason; the reason and the open items are recorded', () => {
		const { db, taskForce, chair, actor, phases } = scheduleSetting()
		const milestone = createMilestone(db, phases.writing, { title: 'First drafts due' })
		const section = createSection(db, taskForce.id, { title: 'Introduction', status: 'drafting' })
		const outcome = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'writing',
				reason: REASON,
				now: NOW,
			},
			live,
		)
		expect(outcome).toMatchObject({ ok: true, to: 'editing', override: true })
		expect(advancedEntries(db)[0]?.data).toEqual({
			from: 'writing',
			to: 'editing',
			override: true,
			reason: REASON,
			unmet: [
				{ kind: 'milestone', id: milestone.id, title: 'First drafts due' },
				{ kind: 'section', id: section.id, title: 'Introduction', status: 'drafting' },
			],
		})
	})

	test('advancing changes who may edit: an owning member writes in writing and suggests in editing', () => {
		const { db, taskForce, chair, member, actor, standing } = scheduleSetting()
		const facts = { subcommitteeId: 'sub', status: 'drafting' as const }
		// The member's place in the owning subcommittee; the phase comes from the database each time.
		const owning = { role: 'member' as const, subcommitteeIds: ['sub'], leadsSubcommitteeIds: [] }
		const person = { id: member.id, isAdmin: false }
		expect(sectionAccess(person, owning, standing(member).state, facts).access).toBe('write')
		advancePhase(db, { taskForceId: taskForce.id, actor: actor(chair), from: 'writing', now: NOW }, live)
		expect(standing(member).state.activePhase).toBe('editing')
		expect(sectionAccess(person, owning, standing(member).state, facts).access).toBe('suggest')
	})

	test('a second advance from the same phase is refused instead of skipping a phase', () => {
		const { db, taskForce, chair, actor } = scheduleSetting()
		advancePhase(db, { taskForceId: taskForce.id, actor: actor(chair), from: 'writing', now: NOW }, live)
		const again = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'writing',
				now: NOW,
			},
			live,
		)
		expect(again).toMatchObject({ ok: false, field: 'from' })
		expect(readPhases(db, taskForce.id).editing.status).toBe('active')
		expect(readPhases(db, taskForce.id).publishing.status).toBe('upcoming')
	})

	test('advancing from publishing publishes the task force, with every phase complete', () => {
		const { db, taskForce, chair, actor } = scheduleSetting({ active: 'publishing' })
		createSection(db, taskForce.id, { status: 'approved' })
		const unconfirmed = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'publishing',
				now: NOW,
			},
			live,
		)
		expect(unconfirmed).toMatchObject({ ok: false, field: 'confirmPublish' })
		const outcome = advancePhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'publishing',
				confirmPublish: true,
				now: NOW,
			},
			live,
		)
		expect(outcome).toEqual({ ok: true, from: 'publishing', to: 'published', override: false })
		expect(Object.values(readPhases(db, taskForce.id)).map((phase) => phase.status)).toEqual([
			'complete',
			'complete',
			'complete',
			'complete',
		])
		expect(db.select().from(taskForces).get()?.status).toBe('published')
		expect(getCurrentGate(db, taskForce.id)).toBeNull()
		expect(advancedEntries(db)[0]?.data).toMatchObject({ from: 'publishing', to: 'published' })
	})

	test('members and observers are refused with 403 and nothing changes', () => {
		const { db, taskForce, member, observer, actor } = scheduleSetting()
		for (const person of [member, observer]) {
			const response = thrownResponse(() =>
				advancePhase(
					db,
					{
						taskForceId: taskForce.id,
						actor: actor(person),
						from: 'writing',
						reason: REASON,
						now: NOW,
					},
					live,
				),
			)
			expect(response.status).toBe(403)
		}
		expect(readPhases(db, taskForce.id).writing.status).toBe('active')
		expect(advancedEntries(db)).toEqual([])
	})

	test('a published task force cannot be advanced, not even by a co-chair', async () => {
		const { db, taskForce, chair, actor } = scheduleSetting({ active: null, status: 'published' })
		const response = thrownResponse(() =>
			advancePhase(
				db,
				{ taskForceId: taskForce.id, actor: actor(chair), from: 'publishing', now: NOW },
				live,
			),
		)
		expect(response.status).toBe(403)
		await expect(response.text()).resolves.toMatch(/published/)
	})
})
