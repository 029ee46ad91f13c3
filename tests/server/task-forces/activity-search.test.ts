import { expect, test } from 'vitest'
import { recordActivity } from '#server/activity/record.server.ts'
import { searchActivity } from '#server/task-forces/activity-search.server.ts'
import { startOfDayIn } from '#shared/dates.ts'
import { createTaskForce, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function feed() {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db, { timeZone: 'America/Chicago' })
	const dana = createUser(db, { name: 'Dana' })
	const sam = createUser(db, { name: 'Sam' })
	const at = (date: string, hour: number) => startOfDayIn(date, 'America/Chicago') + hour * 3_600_000
	const log = (actorId: string, verb: string, when: number) =>
		recordActivity(db, { taskForceId: taskForce.id, actorId, verb, subjectType: 'x' }, when)
	log(dana.id, 'phase.advanced', at('2026-11-01', 9))
	log(sam.id, 'milestone.completed', at('2026-11-02', 23))
	log(dana.id, 'milestone.waived', at('2026-11-03', 0))
	log(sam.id, 'assignment.created', at('2026-11-04', 12))
	return { db, taskForce, dana, sam }
}

test('activity filters by person, by kind and by dates read in the task force’s time zone', () => {
	const { db, taskForce, dana } = feed()
	const verbs = (filters: Parameters<typeof searchActivity>[2]) =>
		searchActivity(db, taskForce, filters).entries.map((entry) => entry.verb)
	expect(verbs({})).toEqual([
		'assignment.created',
		'milestone.waived',
		'milestone.completed',
		'phase.advanced',
	])
	expect(verbs({ person: dana.id })).toEqual(['milestone.waived', 'phase.advanced'])
	expect(verbs({ kind: 'milestone' })).toEqual(['milestone.waived', 'milestone.completed'])
	// 11 pm on Nov 2 in Chicago is Nov 3 in UTC; it still belongs to Nov 2 here.
	expect(verbs({ from: '2026-11-02', to: '2026-11-02' })).toEqual(['milestone.completed'])
	expect(verbs({ from: '2026-11-03' })).toEqual(['assignment.created', 'milestone.waived'])
})

test('activity comes in pages with a total', () => {
	const { db, taskForce } = feed()
	const first = searchActivity(db, taskForce, {}, 3)
	expect(first).toMatchObject({ total: 4, page: 1, pages: 2 })
	expect(first.entries).toHaveLength(3)
	const second = searchActivity(db, taskForce, { page: 2 }, 3)
	expect(second.entries.map((entry) => entry.verb)).toEqual(['phase.advanced'])
})

test('a day in a time zone starts at local midnight, across daylight-saving changes', () => {
	expect(new Date(startOfDayIn('2026-11-02', 'America/Chicago')).toISOString()).toBe(
		'2026-11-02T06:00:00.000Z',
	)
	expect(new Date(startOfDayIn('2026-07-01', 'America/Chicago')).toISOString()).toBe(
		'2026-07-01T05:00:00.000Z',
	)
	expect(new Date(startOfDayIn('2026-03-08', 'America/Chicago')).toISOString()).toBe(
		'2026-03-08T06:00:00.000Z',
	)
	expect(new Date(startOfDayIn('2026-11-28', 'UTC')).toISOString()).toBe('2026-11-28T00:00:00.000Z')
})
