import { asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import * as t from '#db/schema/index.ts'
import { demoCalendar } from '#db/seed/calendar.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { ASSIGNMENT_TEMPLATES, MILESTONES, SECTIONS } from '#db/seed/program.ts'
import { addDays, daysBetween } from '#shared/dates.ts'
import { PHASE_KINDS, type PhaseKind } from '#shared/domain.ts'
import { createTempDatabase } from '../support/temp-database.ts'

/** Every date the demo seed writes for the GenAI task force, as plain data. */
type SeededDates = {
	today: string
	publicationDate: string
	phases: Array<{ kind: PhaseKind; startsOn: string; endsOn: string; status: string }>
	milestones: Array<{ phase: PhaseKind; title: string; dueOn: string; done: boolean }>
	sections: Array<{ title: string; dueOn: string }>
	assignments: Array<{ phase: PhaseKind; title: string; dueOn: string; done: boolean }>
}

/** Every seed-date rule the demo promises, as a list of what breaks it (empty when all hold). */
function problemsWith(dates: SeededDates): string[] {
	const problems: string[] = []
	const { today, publicationDate, phases } = dates
	if (publicationDate.slice(5, 7) !== '04') problems.push(`publication ${publicationDate} is not in April`)
	if (phases.map((phase) => phase.kind).join() !== PHASE_KINDS.join()) problems.push('phases out of order')
	for (const [i, phase] of phases.entries()) {
		if (phase.startsOn > phase.endsOn) problems.push(`${phase.kind} ends before it starts`)
		const next = phases[i + 1]
		if (next && daysBetween(phase.endsOn, next.startsOn) !== 1) {
			problems.push(`${phase.kind} ends ${phase.endsOn} but ${next.kind} starts ${next.startsOn}`)
		}
		const expected = phase.endsOn < today ? 'complete' : phase.startsOn <= today ? 'active' : 'upcoming'
		if (phase.status !== expected)
			problems.push(`${phase.kind} is ${phase.status}, its dates say ${expected}`)
	}
	if (phases.at(-1)?.endsOn !== publicationDate)
		problems.push('publishing does not end on the publication date')
	const writing = phases.find((phase) => phase.kind === 'writing')
	if (writing?.status !== 'active') problems.push('writing is not the active phase')
	else {
		const daysIn = daysBetween(writing.startsOn, today)
		if (daysIn !== 28) problems.push(`writing is ${daysIn} days in, not four weeks`)
		if (writing.endsOn <= today) problems.push(`writing ends ${writing.endsOn}, no later than today`)
	}
	// The task force cannot plausibly edit and lay out a guidebook in less than about two months.
	if (daysBetween(today, publicationDate) < 60)
		problems.push(`publication ${publicationDate} is under 60 days away`)
	// "The next April": an earlier April at least 60 days away would have been chosen.
	const earlierApril = `${Number(publicationDate.slice(0, 4)) - 1}-04-30`
	if (daysBetween(today, earlierApril) >= 60) problems.push(`publication skips the April of ${earlierApril}`)
	const bounds = (kind: PhaseKind) => phases.find((phase) => phase.kind === kind)
	for (const item of [...dates.milestones, ...dates.assignments]) {
		const phase = bounds(item.phase)
		if (!phase || item.dueOn < phase.startsOn || item.dueOn > phase.endsOn) {
			problems.push(`${item.phase} item "${item.title}" is due ${item.dueOn}, outside its phase`)
		}
	}
	for (const milestone of dates.milestones) {
		if (milestone.done !== milestone.dueOn < today) {
			problems.push(
				`milestone "${milestone.title}" due ${milestone.dueOn} is ${milestone.done ? '' : 'not '}done`,
			)
		}
	}
	for (const section of dates.sections) {
		if (!writing || section.dueOn <= today || section.dueOn > writing.endsOn) {
			problems.push(`section "${section.title}" is due ${section.dueOn}, not ahead within writing`)
		}
	}
	return problems
}

function seededDates(db: Db, today: string): SeededDates {
	const taskForce = db.select().from(t.taskForces).where(eq(t.taskForces.slug, 'genai')).get()
	if (!taskForce) throw new Error('no genai task force')
	const phases = db
		.select()
		.from(t.phases)
		.where(eq(t.phases.taskForceId, taskForce.id))
		.orderBy(asc(t.phases.position))
		.all()
	const kindOf = new Map(phases.map((phase) => [phase.id, phase.kind]))
	return {
		today,
		publicationDate: taskForce.publicationDate,
		phases,
		milestones: db
			.select()
			.from(t.milestones)
			.where(eq(t.milestones.taskForceId, taskForce.id))
			.all()
			.map((row) => ({
				phase: kindOf.get(row.phaseId) as PhaseKind,
				title: row.title,
				dueOn: row.dueOn,
				done: row.completedAt !== null,
			})),
		sections: db
			.select({ title: t.sections.title, dueOn: t.sections.dueOn })
			.from(t.sections)
			.innerJoin(t.documents, eq(t.documents.id, t.sections.documentId))
			.where(eq(t.documents.taskForceId, taskForce.id))
			.all()
			.map((row) => ({ title: row.title, dueOn: row.dueOn ?? '' })),
		assignments: db
			.select()
			.from(t.assignments)
			.where(eq(t.assignments.taskForceId, taskForce.id))
			.all()
			.map((row) => ({
				phase: row.phaseKind,
				title: row.title,
				dueOn: row.dueOn ?? '', // none reads as a day outside every phase: reported
				done: row.status === 'done',
			})),
	}
}

describe('the demo seed dates', () => {
	// Days that stress the rule: the contract's own day, the day, the last day this April is
	// far enough, the first day it is not, mid-year, and the turn of the year.
	test.each([
		'2026-11-28',
		'2026-12-05',
		'2027-01-30',
		'2027-01-31',
		'2027-02-01',
		'2027-07-01',
		'2027-12-31',
	])('seeded on %s, the stored dates keep every rule', async (today) => {
		const { db } = createTempDatabase()
		await seedDemo(db, { today: new Date(`${today}T18:00:00Z`) })
		expect(problemsWith(seededDates(db, today))).toEqual([])
	})
})

/** What the seed writes on `today`, from the calendar it uses; assignments at both ends of their jitter. */
function plannedDates(today: string): SeededDates {
	const calendar = demoCalendar(today)
	return {
		today,
		publicationDate: calendar.publicationDate,
		phases: calendar.phases,
		milestones: PHASE_KINDS.flatMap((phase) =>
			MILESTONES[phase].map((milestone) => ({
				phase,
				title: milestone.title,
				dueOn: calendar.dateOf(milestone.dueInDays),
				done: milestone.done === true,
			})),
		),
		sections: SECTIONS.map((section) => ({
			title: section.title,
			dueOn: calendar.dateOf(section.dueInDays),
		})),
		assignments: ASSIGNMENT_TEMPLATES.flatMap((template) =>
			[-2, 2].map((jitter) => ({
				phase: template.phase,
				title: template.title,
				dueOn: calendar.dateOf(template.dueInDays + jitter),
				done: template.status === 'done',
			})),
		),
	}
}

describe('the demo calendar, seeded on every day of two years', () => {
	const days = Array.from({ length: 731 }, (_, i) => addDays('2026-06-01', i))

	test('keeps every rule on every day, and names each day that breaks one', () => {
		const bad = days.flatMap((today) =>
			problemsWith(plannedDates(today)).map((problem) => `${today}: ${problem}`),
		)
		expect(bad).toEqual([])
	})

	test('publishes exactly as planned (150 days ahead) whenever that day is in April, else 60 to 397 days ahead', () => {
		const ahead = days.map((today) => daysBetween(today, demoCalendar(today).publicationDate))
		days.forEach((today, i) => {
			if (addDays(today, 150).slice(5, 7) === '04') expect(ahead[i], today).toBe(150)
		})
		expect(ahead.filter((n) => n === 150).length).toBeGreaterThanOrEqual(60)
		expect(Math.min(...ahead)).toBe(60)
		expect(Math.max(...ahead)).toBeLessThanOrEqual(397)
	})
})
