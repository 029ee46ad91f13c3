import { describe, expect, test } from 'vitest'
import { sections } from '#db/schema/index.ts'
import { getNeedsAttention } from '#server/assignments/attention.server.ts'
import { getMyWork } from '#server/assignments/my-work.server.ts'
import { getSectionProgress } from '#server/dashboard/dashboard.server.ts'
import { getMembership } from '#server/task-forces/membership.server.ts'
import {
	createWorkflowSetting,
	insertAssignment,
	insertMilestone,
	TODAY,
} from '../../factories/assignments.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const { writer, outsider, lead } = world.people
	insertAssignment(db, world, { title: 'Writer, late', assigneeId: writer.id, dueOn: '2026-11-20' })
	insertAssignment(db, world, {
		title: 'Writer, done',
		assigneeId: writer.id,
		status: 'done',
		dueOn: '2026-11-02',
	})
	insertAssignment(db, world, {
		title: 'Lead, due soon',
		assigneeId: lead.id,
		dueOn: '2026-12-01',
		status: 'in_progress',
	})
	insertAssignment(db, world, { title: 'Nobody’s, blocked', status: 'blocked', blockedReason: 'No budget' })
	insertAssignment(db, world, {
		title: 'Procurement, late',
		subcommitteeId: world.procurement.id,
		assigneeId: outsider.id,
		dueOn: '2026-11-27',
	})
	return { db, world }
}

describe('my work', () => {
	test('a writer sees their open assignments, then the other open work of their subcommittee', () => {
		const { db, world } = setting()
		const { writer } = world.people
		const membership = getMembership(db, world.taskForce.id, writer.id)
		if (!membership) throw new Error('not a member')
		const work = getMyWork(db, {
			taskForceId: world.taskForce.id,
			viewerId: writer.id,
			membership,
			today: TODAY,
		})
		expect(work.mine.map((item) => [item.title, item.overdue])).toEqual([['Writer, late', true]])
		expect(work.teams).toEqual([
			expect.objectContaining({
				name: 'Community Engagement and Transparency',
				leads: false,
				openCount: 3,
				othersCount: 2,
			}),
		])
		expect(work.teams[0]?.items.map((item) => item.title)).toEqual(['Lead, due soon', 'Nobody’s, blocked'])
	})

	test('the lead sees the subcommittee they lead; an observer has no subcommittee work', () => {
		const { db, world } = setting()
		const lead = getMembership(db, world.taskForce.id, world.people.lead.id)
		const observer = getMembership(db, world.taskForce.id, world.people.observer.id)
		if (!lead || !observer) throw new Error('not members')
		const context = { taskForceId: world.taskForce.id, today: TODAY }
		const leadWork = getMyWork(db, { ...context, viewerId: world.people.lead.id, membership: lead })
		expect(leadWork.mine.map((item) => item.title)).toEqual(['Lead, due soon'])
		expect(leadWork.teams.map((team) => [team.name, team.leads])).toEqual([
			['Community Engagement and Transparency', true],
		])
		const observerWork = getMyWork(db, {
			...context,
			viewerId: world.people.observer.id,
			membership: observer,
		})
		expect(observerWork).toEqual({ mine: [], teams: [] })
	})
})

describe('needs attention', () => {
	test('counts overdue, due-soon and blocked assignments across the task force', () => {
		const { db, world } = setting()
		const attention = getNeedsAttention(db, world.taskForce.id, TODAY)
		expect(attention.overdue.count).toBe(2)
		expect(attention.overdue.items.map((item) => item.title)).toEqual(['Writer, late', 'Procurement, late'])
		expect(attention.dueSoon.items.map((item) => item.title)).toEqual(['Lead, due soon'])
		expect(attention.blocked.items).toEqual([expect.objectContaining({ blockedReason: 'No budget' })])
	})

	test('milestones overdue or due within a week, unless done or waived', () => {
		const { db, world } = setting()
		insertMilestone(db, world, { title: 'Outlines agreed', dueOn: '2026-11-25' })
		insertMilestone(db, world, { title: 'Interviews done', dueOn: '2026-11-20', completedAt: 1 })
		insertMilestone(db, world, { title: 'Survey', dueOn: '2026-11-21', waivedReason: 'Dropped' })
		insertMilestone(db, world, { title: 'First drafts due', dueOn: '2026-12-05' })
		insertMilestone(db, world, { title: 'Editing starts', dueOn: '2026-12-06' })
		const attention = getNeedsAttention(db, world.taskForce.id, TODAY)
		expect(attention.overdueMilestones.items.map((item) => item.title)).toEqual(['Outlines agreed'])
		expect(attention.dueSoonMilestones.items.map((item) => item.title)).toEqual(['First drafts due'])
	})

	test('a section is behind when its due date has passed and it is not yet in review or approved', () => {
		const { db, world } = setting()
		const add = (
			title: string,
			status: 'drafting' | 'in_review' | 'not_started',
			dueOn: string,
			position: number,
		) =>
			db
				.insert(sections)
				.values({ id: title, documentId: world.documentId, title, status, dueOn, position })
				.run()
		add('Late draft', 'drafting', '2026-11-20', 1)
		add('In review in time', 'in_review', '2026-11-20', 2)
		add('Due today', 'not_started', TODAY, 3)
		const attention = getNeedsAttention(db, world.taskForce.id, TODAY)
		expect(attention.sectionsBehind.items).toEqual([
			expect.objectContaining({ title: 'Late draft', daysLate: 8, documentId: world.documentId }),
		])
	})
})

test('section progress counts sections by status and adds up words against targets', () => {
	const { db, world } = setting()
	db.insert(sections)
		.values({
			id: 's2',
			documentId: world.documentId,
			title: 'Procurement',
			status: 'approved',
			position: 1,
			wordCount: 900,
			targetWords: 1000,
		})
		.run()
	expect(getSectionProgress(db, world.taskForce.id)).toEqual([
		{
			id: world.documentId,
			title: 'Guidebook',
			sections: 2,
			words: 900,
			target: 1000,
			byStatus: { not_started: 0, drafting: 1, in_review: 0, approved: 1 },
		},
	])
})
