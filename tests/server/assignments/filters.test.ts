import { describe, expect, test } from 'vitest'
import { listAssignments } from '#server/assignments/lists.server.ts'
import {
	type AssignmentFilters,
	assignmentsHref,
	NO_FILTERS,
	parseAssignmentQuery,
} from '#shared/assignment-filters.ts'
import { createWorkflowSetting, insertAssignment, TODAY } from '../../factories/assignments.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const { writer, outsider } = world.people
	const add = (title: string, overrides: Parameters<typeof insertAssignment>[2] = {}) =>
		insertAssignment(db, world, { title, ...overrides }).id
	const ids = {
		mineLate: add('Mine and late', { assigneeId: writer.id, dueOn: '2026-11-20' }),
		mineSoon: add('Mine and due soon', { assigneeId: writer.id, dueOn: '2026-12-02', status: 'in_progress' }),
		mineDone: add('Mine and done', { assigneeId: writer.id, dueOn: '2026-11-01', status: 'done' }),
		blocked: add('Blocked', {
			status: 'blocked',
			blockedReason: 'Waiting for the city attorney',
			dueOn: '2026-12-20',
		}),
		research: add('Research, done late', { phaseKind: 'research', status: 'done', dueOn: '2026-10-01' }),
		procurement: add('Procurement work', {
			subcommitteeId: world.procurement.id,
			assigneeId: outsider.id,
			dueOn: '2026-11-27',
		}),
		undated: add('No due date', { dueOn: null }),
	}
	const titles = (filters: Partial<AssignmentFilters>) =>
		listAssignments(
			db,
			world.taskForce.id,
			{ ...NO_FILTERS, ...filters },
			{ viewerId: writer.id, today: TODAY },
		).map((row) => row.title)
	return { db, world, ids, titles }
}

describe('assignment filters', () => {
	test('without filters the list holds every assignment, soonest due first and undated last', () => {
		const { titles } = setting()
		expect(titles({})).toEqual([
			'Research, done late',
			'Mine and done',
			'Mine and late',
			'Procurement work',
			'Mine and due soon',
			'Blocked',
			'No due date',
		])
	})

	test('"mine" keeps the viewer’s own assignments', () => {
		expect(setting().titles({ mine: true })).toEqual(['Mine and done', 'Mine and late', 'Mine and due soon'])
	})

	test('a subcommittee keeps its assignments only', () => {
		const { titles, world } = setting()
		expect(titles({ subcommitteeId: world.procurement.id })).toEqual(['Procurement work'])
	})

	test('status "open" is everything not done, and a status names one', () => {
		const { titles } = setting()
		expect(titles({ status: 'open' })).not.toContain('Mine and done')
		expect(titles({ status: 'open' })).toHaveLength(5)
		expect(titles({ status: 'blocked' })).toEqual(['Blocked'])
	})

	test('a phase keeps the work of that phase', () => {
		expect(setting().titles({ phase: 'research' })).toEqual(['Research, done late'])
	})

	test('overdue is past its due date and not done; done late work is not overdue', () => {
		expect(setting().titles({ overdue: true })).toEqual(['Mine and late', 'Procurement work'])
	})

	test('due soon is due from today through seven days ahead and not done', () => {
		expect(setting().titles({ dueSoon: true })).toEqual(['Mine and due soon'])
	})

	test('filters combine: my overdue work in Engagement', () => {
		const { titles, world } = setting()
		expect(titles({ mine: true, overdue: true, subcommitteeId: world.engagement.id })).toEqual([
			'Mine and late',
		])
		expect(titles({ mine: true, overdue: true, subcommitteeId: world.procurement.id })).toEqual([])
	})
})

describe('filters in the URL', () => {
	test('every filter reads from the query string, and unknown values are ignored', () => {
		const { filters, view } = parseAssignmentQuery(
			new URLSearchParams(
				'mine=1&subcommittee=sub1&status=blocked&phase=writing&overdue=1&due=soon&view=board',
			),
		)
		expect(filters).toEqual({
			mine: true,
			subcommitteeId: 'sub1',
			status: 'blocked',
			phase: 'writing',
			overdue: true,
			dueSoon: true,
		})
		expect(view).toBe('board')
		expect(
			parseAssignmentQuery(new URLSearchParams('status=lost&phase=nap&view=grid&subcommittee=')),
		).toEqual({
			filters: NO_FILTERS,
			view: 'list',
		})
	})

	test('links the dashboard builds read back as the same filters', () => {
		const href = assignmentsHref('genai', { overdue: true })
		expect(href).toBe('/t/genai/assignments?overdue=1')
		const filters = { ...NO_FILTERS, mine: true, status: 'open' as const, subcommitteeId: 'abc' }
		const query = assignmentsHref('genai', filters, 'board').split('?')[1]
		expect(parseAssignmentQuery(new URLSearchParams(query))).toEqual({ filters, view: 'board' })
		expect(assignmentsHref('genai')).toBe('/t/genai/assignments')
	})
})
