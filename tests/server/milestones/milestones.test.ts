import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { activity, milestones } from '#db/schema/index.ts'
import {
	completeMilestone,
	createMilestone,
	deleteMilestone,
	reopenMilestone,
	updateMilestone,
	waiveMilestone,
} from '#server/milestones/milestones.server.ts'
import { getCurrentGate, listSchedulePhases, milestoneContext } from '#server/phases/schedule.server.ts'
import {
	createMilestoneSchema,
	updateMilestoneSchema,
	WaiveMilestoneSchema,
} from '#shared/validation/milestones.ts'
import { createPhases, createMilestone as seedMilestone } from '../../factories/schedule.ts'
import { createTaskForce } from '../../factories/users.ts'
import { NOW, scheduleSetting, thrownResponse } from '../phases/setting.ts'

function setting() {
	const base = scheduleSetting()
	const as = (user: { id: string }) => ({ ...base.actor(user), taskForceId: base.taskForce.id })
	const row = (id: string) => base.db.select().from(milestones).where(eq(milestones.id, id)).get()
	const entries = (verb: string) => base.db.select().from(activity).where(eq(activity.verb, verb)).all()
	return { ...base, as, row, entries }
}

describe('milestone changes', () => {
	test('a co-chair adds a milestone to a phase and the addition is recorded', () => {
		const { db, chair, phases, as, row, entries } = setting()
		const { id } = createMilestone(
			db,
			as(chair),
			{ phaseId: phases.writing.id, title: 'First drafts due', dueOn: '2026-12-19' },
			NOW,
		)
		expect(row(id)).toMatchObject({
			title: 'First drafts due',
			dueOn: '2026-12-19',
			revision: 0,
			completedAt: null,
		})
		expect(entries('milestone.created')[0]).toMatchObject({
			subjectId: id,
			data: { title: 'First drafts due', dueOn: '2026-12-19', phase: 'writing' },
		})
	})

	test('editing the title and date bumps the revision and records only what changed', () => {
		const { db, chair, phases, as, row, entries } = setting()
		const milestone = seedMilestone(db, phases.writing, { title: 'Drafts', dueOn: '2026-12-19' })
		const outcome = updateMilestone(
			db,
			as(chair),
			{ milestoneId: milestone.id, title: 'Drafts', dueOn: '2026-12-22' },
			NOW,
		)
		expect(outcome).toEqual({ ok: true, title: 'Drafts', changed: true })
		expect(row(milestone.id)).toMatchObject({ dueOn: '2026-12-22', revision: 1 })
		expect(entries('milestone.updated')[0]?.data).toEqual({
			title: 'Drafts',
			from: { dueOn: '2026-12-19' },
			to: { dueOn: '2026-12-22' },
		})
	})

	test('saving a milestone unchanged writes and records nothing', () => {
		const { db, chair, phases, as, row, entries } = setting()
		const milestone = seedMilestone(db, phases.writing, { title: 'Drafts', dueOn: '2026-12-19' })
		const outcome = updateMilestone(
			db,
			as(chair),
			{ milestoneId: milestone.id, title: 'Drafts', dueOn: '2026-12-19' },
			NOW,
		)
		expect(outcome).toEqual({ ok: true, title: 'Drafts', changed: false })
		expect(row(milestone.id)?.revision).toBe(0)
		expect(entries('milestone.updated')).toEqual([])
	})

	test('marking done records who and when; undoing reopens it; each bumps the revision', () => {
		const { db, chair, phases, as, row, entries } = setting()
		const milestone = seedMilestone(db, phases.writing, { title: 'Drafts' })
		expect(completeMilestone(db, as(chair), milestone.id, NOW)).toMatchObject({ ok: true })
		expect(row(milestone.id)).toMatchObject({ completedAt: NOW, completedBy: chair.id, revision: 1 })
		expect(completeMilestone(db, as(chair), milestone.id, NOW)).toEqual({
			ok: false,
			message: '“Drafts” is already done.',
		})
		expect(reopenMilestone(db, as(chair), milestone.id, NOW)).toMatchObject({ ok: true })
		expect(row(milestone.id)).toMatchObject({ completedAt: null, completedBy: null, revision: 2 })
		expect(entries('milestone.completed')[0]?.data).toEqual({ title: 'Drafts' })
		expect(entries('milestone.reopened')[0]?.data).toEqual({ title: 'Drafts', from: 'done' })
	})

	test('a waived milestone keeps its reason, counts as met at the gate, and can be un-waived', () => {
		const { db, taskForce, chair, phases, as, row, entries } = setting()
		const milestone = seedMilestone(db, phases.writing, { title: 'Peer exchange' })
		expect(getCurrentGate(db, taskForce.id)?.met).toBe(false)
		waiveMilestone(db, as(chair), milestone.id, 'Merged into the December meeting', NOW)
		expect(row(milestone.id)).toMatchObject({ waivedReason: 'Merged into the December meeting', revision: 1 })
		expect(entries('milestone.waived')[0]?.data).toEqual({
			title: 'Peer exchange',
			reason: 'Merged into the December meeting',
		})
		expect(getCurrentGate(db, taskForce.id)?.met).toBe(true)
		expect(completeMilestone(db, as(chair), milestone.id, NOW)).toMatchObject({ ok: false })
		reopenMilestone(db, as(chair), milestone.id, NOW)
		expect(row(milestone.id)?.waivedReason).toBeNull()
		expect(entries('milestone.reopened')[0]?.data).toMatchObject({
			from: 'waived',
			reason: 'Merged into the December meeting',
		})
	})

	test('a done milestone cannot be waived', () => {
		const { db, chair, phases, as } = setting()
		const milestone = seedMilestone(db, phases.writing, { completedAt: 1 })
		expect(waiveMilestone(db, as(chair), milestone.id, 'No longer needed', NOW)).toMatchObject({ ok: false })
	})

	test('deleting a milestone removes it and the log keeps its title', () => {
		const { db, chair, phases, as, row, entries } = setting()
		const milestone = seedMilestone(db, phases.writing, { title: 'Old step', dueOn: '2026-12-01' })
		deleteMilestone(db, as(chair), milestone.id, NOW)
		expect(row(milestone.id)).toBeUndefined()
		expect(entries('milestone.deleted')[0]?.data).toEqual({ title: 'Old step', dueOn: '2026-12-01' })
	})

	test('members and observers are refused with 403 and nothing changes', () => {
		const { db, member, observer, phases, as, row } = setting()
		const milestone = seedMilestone(db, phases.writing)
		for (const person of [member, observer]) {
			expect(thrownResponse(() => completeMilestone(db, as(person), milestone.id, NOW)).status).toBe(403)
			expect(
				thrownResponse(() =>
					createMilestone(
						db,
						as(person),
						{ phaseId: phases.writing.id, title: 'X', dueOn: '2026-12-01' },
						NOW,
					),
				).status,
			).toBe(403)
		}
		expect(row(milestone.id)?.completedAt).toBeNull()
	})

	test('a milestone of another task force is not found (404), even for a co-chair', () => {
		const { db, chair, as } = setting()
		const other = createTaskForce(db)
		const foreign = seedMilestone(db, createPhases(db, other.id).writing)
		expect(thrownResponse(() => completeMilestone(db, as(chair), foreign.id, NOW)).status).toBe(404)
		expect(thrownResponse(() => completeMilestone(db, as(chair), 'no-such-milestone', NOW)).status).toBe(404)
		expect(thrownResponse(() => deleteMilestone(db, as(chair), '', NOW)).status).toBe(404)
	})
})

describe('milestone validation', () => {
	const context = { runStartsOn: '2026-09-01', runEndsOn: '2027-04-27', phaseIds: ['p-writing'] }
	const create = (fields: Record<string, string>) =>
		createMilestoneSchema(context).safeParse({
			intent: 'milestone-create',
			phaseId: 'p-writing',
			title: 'Drafts',
			dueOn: '2026-12-19',
			...fields,
		})
	const messages = (result: z.ZodSafeParseResult<unknown>) =>
		result.success ? [] : result.error.issues.map((issue) => issue.message)

	test('a title is required and at most 200 characters', () => {
		expect(messages(create({ title: '   ' }))).toEqual(['Enter a title.'])
		expect(messages(create({ title: 'x'.repeat(201) }))).toEqual(['Use at most 200 characters.'])
		expect(messages(create({ title: 'x'.repeat(10_000) }))).toEqual(['Use at most 200 characters.'])
		expect(create({ title: 'x'.repeat(200) }).success).toBe(true)
	})

	test('the due date must fall within the task force’s run', () => {
		expect(messages(create({ dueOn: '2026-08-31' }))[0]).toMatch(
			/within the task force's run, Sep 1, 2026 – Apr 27, 2027/,
		)
		expect(messages(create({ dueOn: '2027-04-28' }))[0]).toMatch(/within the task force's run/)
		expect(create({ dueOn: '2027-04-27' }).success).toBe(true)
		expect(messages(create({ dueOn: 'soon' }))).toEqual(['Enter a real date, like 2027-04-20.'])
	})

	test('an unknown phase is refused with a field error', () => {
		expect(messages(create({ phaseId: 'p-elsewhere' }))).toEqual(['Choose one of the phases listed.'])
	})

	test('editing checks the same title and date rules', () => {
		const result = updateMilestoneSchema(context).safeParse({
			intent: 'milestone-update',
			milestoneId: 'm',
			title: '',
			dueOn: '2030-01-01',
		})
		expect(messages(result)).toEqual(['Enter a title.', expect.stringMatching(/within the task force's run/)])
	})

	test('a waiver needs a reason', () => {
		const result = WaiveMilestoneSchema.safeParse({
			intent: 'milestone-waive',
			milestoneId: 'm',
			reason: ' ',
		})
		expect(messages(result)).toEqual(['Write why this milestone no longer needs doing.'])
	})

	test('the run starts with the first phase and ends on the publication date', () => {
		const { db, taskForce } = setting()
		expect(milestoneContext(taskForce, listSchedulePhases(db, taskForce.id))).toMatchObject({
			runStartsOn: '2026-09-01',
			runEndsOn: '2027-04-27',
		})
	})
})
