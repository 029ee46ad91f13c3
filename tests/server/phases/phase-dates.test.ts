import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, taskForces } from '#db/schema/index.ts'
import { updatePhaseDates } from '#server/phases/phase-dates.server.ts'
import {
	listScheduleMilestones,
	listSchedulePhases,
	phaseDatesContext,
} from '#server/phases/schedule.server.ts'
import { type PhaseDatesInput, phaseDatesSchema, toPhaseDates } from '#shared/validation/phases.ts'
import { createMilestone, PHASE_BOUNDS, readPhases } from '../../factories/schedule.ts'
import { NOW, scheduleSetting, TODAY, thrownResponse } from './setting.ts'

const SAVED: PhaseDatesInput = {
	intent: 'dates',
	publicationDate: '2027-04-27',
	researchStartsOn: PHASE_BOUNDS.research.startsOn,
	researchEndsOn: PHASE_BOUNDS.research.endsOn,
	writingStartsOn: PHASE_BOUNDS.writing.startsOn,
	writingEndsOn: PHASE_BOUNDS.writing.endsOn,
	editingStartsOn: PHASE_BOUNDS.editing.startsOn,
	editingEndsOn: PHASE_BOUNDS.editing.endsOn,
	publishingStartsOn: PHASE_BOUNDS.publishing.startsOn,
	publishingEndsOn: PHASE_BOUNDS.publishing.endsOn,
}

/** Validates `changes` on top of the saved dates; returns the field errors by field name. */
function errorsFor(setting: ReturnType<typeof scheduleSetting>, changes: Partial<PhaseDatesInput>) {
	const { db, taskForce } = setting
	const context = phaseDatesContext(
		taskForce,
		listSchedulePhases(db, taskForce.id),
		listScheduleMilestones(db, taskForce.id),
		TODAY,
	)
	const parsed = phaseDatesSchema(context).safeParse({ ...SAVED, ...changes })
	if (parsed.success) return {}
	const errors: Record<string, string[]> = {}
	for (const issue of parsed.error.issues) {
		const key = String(issue.path[0])
		errors[key] = [...(errors[key] ?? []), issue.message]
	}
	return errors
}

describe('phase date validation', () => {
	test('the saved dates are valid as they are', () => {
		expect(errorsFor(scheduleSetting(), {})).toEqual({})
	})

	test('a phase that ends before it starts gets an error on its end date', () => {
		const errors = errorsFor(scheduleSetting(), { editingEndsOn: '2027-01-20' })
		expect(errors.editingEndsOn?.[0]).toMatch(/Editing would end before it starts/)
	})

	test('overlapping phases get an error on the later phase’s start', () => {
		const errors = errorsFor(scheduleSetting(), { editingStartsOn: '2027-01-15' })
		expect(errors.editingStartsOn?.[0]).toMatch(/must start after Writing ends \(Jan 31, 2027\)/)
	})

	test('back-to-back phases and gaps between phases are both fine', () => {
		expect(errorsFor(scheduleSetting(), { editingStartsOn: '2027-02-10' })).toEqual({})
	})

	test('a phase that ends after the publication date gets an error on its end date', () => {
		const errors = errorsFor(scheduleSetting(), { publicationDate: '2027-04-20' })
		expect(errors.publishingEndsOn?.[0]).toMatch(/after the publication date \(Apr 20, 2027\)/)
	})

	test('a date that is not a real day is refused with an example of the format', () => {
		const errors = errorsFor(scheduleSetting(), { writingEndsOn: '2027-02-30' })
		expect(errors.writingEndsOn).toEqual(['Enter a real date, like 2027-04-20.'])
	})

	test('an empty field asks for that date by name', () => {
		const errors = errorsFor(scheduleSetting(), { publicationDate: undefined })
		expect(errors.publicationDate).toEqual(['Enter the publication date.'])
	})

	test('a complete phase keeps its past dates, and may be corrected into the past', () => {
		expect(errorsFor(scheduleSetting(), { researchStartsOn: '2026-08-15' })).toEqual({})
	})

	test('an upcoming phase may not be moved to start in the past', () => {
		const setting = scheduleSetting({ active: 'research' })
		const errors = errorsFor(setting, { writingStartsOn: '2026-11-20' })
		expect(errors.writingStartsOn?.[0]).toMatch(/has not started; it cannot start in the past/)
	})

	test('the current phase may not be moved to end in the past', () => {
		const errors = errorsFor(scheduleSetting(), { writingEndsOn: '2026-11-20' })
		expect(errors.writingEndsOn?.[0]).toMatch(/not complete; it cannot end in the past/)
	})

	test('a publication date moved into the past is refused', () => {
		const errors = errorsFor(scheduleSetting({ active: null }), { publicationDate: '2026-11-01' })
		expect(errors.publicationDate).toContain('The publication date cannot be in the past.')
	})

	test('a run-up longer than three years is taken for a mistyped year', () => {
		const errors = errorsFor(scheduleSetting(), { researchStartsOn: '2016-09-01' })
		expect(errors.researchStartsOn?.[0]).toMatch(/three years/)
	})

	test('the publication date may not move before a milestone', () => {
		const setting = scheduleSetting()
		createMilestone(setting.db, setting.phases.publishing, { title: 'Launch webinar', dueOn: '2027-04-27' })
		const errors = errorsFor(setting, { publicationDate: '2027-04-26', publishingEndsOn: '2027-04-26' })
		expect(errors.publicationDate?.[0]).toMatch(/“Launch webinar” is due Apr 27, 2027/)
	})
})

describe('saving phase dates', () => {
	test('only changed phases are written, each with its revision bumped and a dates_changed entry', () => {
		const setting = scheduleSetting()
		const { db, taskForce, chair, actor } = setting
		const dates = toPhaseDates({ ...SAVED, editingEndsOn: '2027-03-10', publishingStartsOn: '2027-03-11' })
		const change = updatePhaseDates(db, { taskForce, actor: actor(chair), dates, now: NOW })
		expect(change).toEqual({ phases: ['editing', 'publishing'], publicationDate: false })
		const after = readPhases(db, taskForce.id)
		expect(after.editing).toMatchObject({ endsOn: '2027-03-10', revision: 1 })
		expect(after.publishing).toMatchObject({ startsOn: '2027-03-11', revision: 1 })
		expect(after.writing.revision).toBe(0)
		const entries = db.select().from(activity).where(eq(activity.verb, 'phase.dates_changed')).all()
		expect(entries.map((entry) => entry.data)).toContainEqual({
			phase: 'editing',
			from: { startsOn: '2027-02-01', endsOn: '2027-03-15' },
			to: { startsOn: '2027-02-01', endsOn: '2027-03-10' },
		})
	})

	test('a new publication date is saved and recorded with from and to', () => {
		const { db, taskForce, chair, actor } = scheduleSetting()
		const dates = toPhaseDates({ ...SAVED, publicationDate: '2027-05-04' })
		expect(updatePhaseDates(db, { taskForce, actor: actor(chair), dates, now: NOW })).toEqual({
			phases: [],
			publicationDate: true,
		})
		expect(db.select().from(taskForces).get()?.publicationDate).toBe('2027-05-04')
		const entry = db
			.select()
			.from(activity)
			.where(eq(activity.verb, 'task_force.publication_date_changed'))
			.get()
		expect(entry).toMatchObject({ actorId: chair.id, data: { from: '2027-04-27', to: '2027-05-04' } })
	})

	test('members and observers may not change dates (403) and nothing is written', () => {
		const { db, taskForce, member, observer, actor } = scheduleSetting()
		const dates = toPhaseDates({ ...SAVED, publicationDate: '2027-05-04' })
		for (const person of [member, observer]) {
			const response = thrownResponse(() =>
				updatePhaseDates(db, { taskForce, actor: actor(person), dates, now: NOW }),
			)
			expect(response.status).toBe(403)
		}
		expect(db.select().from(taskForces).get()?.publicationDate).toBe('2027-04-27')
		expect(db.select().from(activity).all()).toEqual([])
	})
})
