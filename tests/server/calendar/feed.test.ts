import { eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { milestones, users } from '#db/schema/index.ts'
import { recordActivity } from '#server/activity/record.server.ts'
import {
	buildPersonalCalendar,
	buildTaskForceCalendar,
	PUBLICATION_DATE_CHANGED,
	personalCalendarForToken,
} from '#server/calendar/feed.server.ts'
import { createCalendarFeed, revokeCalendarFeed } from '#server/calendar/subscriptions.server.ts'
import {
	createAssignment,
	createMilestone,
	createPhase,
	createSubcommittee,
} from '../../factories/calendar.ts'
import { addMember, createTaskForce, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const NOW = new Date('2026-11-28T12:00:00Z')
const OPTIONS = { origin: 'https://convene.example.org', now: NOW }

function setting() {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db, {
		name: 'Generative AI in Local Government',
		publicationDate: '2027-04-27',
	})
	const writer = createUser(db, { name: 'Wren Writer' })
	const colleague = createUser(db, { name: 'Cole League' })
	addMember(db, taskForce.id, writer.id)
	addMember(db, taskForce.id, colleague.id)
	const research = createPhase(db, taskForce.id, {
		kind: 'research',
		startsOn: '2026-09-01',
		endsOn: '2026-10-31',
		revision: 2,
	})
	const writing = createPhase(db, taskForce.id, {
		kind: 'writing',
		startsOn: '2026-11-01',
		endsOn: '2027-01-31',
	})
	const done = createMilestone(db, taskForce.id, research.id, {
		title: 'Research questions published',
		dueOn: '2026-10-01',
		completedAt: NOW.getTime(),
		revision: 1,
	})
	const waived = createMilestone(db, taskForce.id, writing.id, {
		title: 'Peer exchange',
		dueOn: '2026-12-10',
		waivedReason: 'Folded into the December plenary',
	})
	const upcoming = createMilestone(db, taskForce.id, writing.id, {
		title: 'First drafts due',
		dueOn: '2027-01-15',
	})
	const team = createSubcommittee(db, taskForce.id, 'Community Engagement and Transparency')
	const mine = createAssignment(db, taskForce.id, team.id, {
		title: 'Draft the opening, with examples',
		assigneeId: writer.id,
		dueOn: '2026-12-05',
		revision: 3,
	})
	const theirs = createAssignment(db, taskForce.id, team.id, {
		title: 'Check citations',
		assigneeId: colleague.id,
		dueOn: '2026-12-06',
	})
	const unassigned = createAssignment(db, taskForce.id, team.id, {
		title: 'Find a case study',
		dueOn: '2026-12-07',
	})
	return {
		db,
		taskForce,
		writer,
		colleague,
		research,
		writing,
		done,
		waived,
		upcoming,
		mine,
		theirs,
		unassigned,
	}
}

function events(text: string) {
	const root = new ICAL.Component(ICAL.parse(text))
	return root.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
}

function byUid(text: string, uid: string) {
	const found = events(text).find((event) => event.uid === uid)
	if (!found) throw new Error(`no event ${uid}`)
	return found
}

describe('the task force calendar', () => {
	test('each phase spans its dates as an all-day event, with the phase revision as SEQUENCE', () => {
		const { db, taskForce, writer, research } = setting()
		const text = buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS)
		const phase = byUid(text, `phase-${research.id}@convene`)
		expect(phase.summary).toBe('Research phase')
		expect(phase.startDate.isDate).toBe(true)
		expect(phase.startDate.toString()).toBe('2026-09-01')
		expect(phase.endDate.toString()).toBe('2026-11-01')
		expect(phase.sequence).toBe(2)
	})

	test('milestones fall on their due dates and say when they are done or waived', () => {
		const { db, taskForce, writer, done, waived, upcoming } = setting()
		const text = buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS)
		expect(byUid(text, `milestone-${done.id}@convene`).summary).toBe(
			'Milestone: Research questions published (done)',
		)
		const waivedEvent = byUid(text, `milestone-${waived.id}@convene`)
		expect(waivedEvent.summary).toBe('Milestone: Peer exchange (waived)')
		expect(waivedEvent.description).toContain('Waived: Folded into the December plenary')
		const next = byUid(text, `milestone-${upcoming.id}@convene`)
		expect(next.summary).toBe('Milestone: First drafts due')
		expect(next.startDate.toString()).toBe('2027-01-15')
		expect(next.endDate.toString()).toBe('2027-01-16')
		expect(byUid(text, `milestone-${done.id}@convene`).sequence).toBe(1)
	})

	test('the publication date is an event of its own', () => {
		const { db, taskForce, writer } = setting()
		const publication = byUid(
			buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS),
			`publication-${taskForce.id}@convene`,
		)
		expect(publication.summary).toBe('Publication: Generative AI in Local Government')
		expect(publication.startDate.toString()).toBe('2027-04-27')
		expect(publication.sequence).toBe(0)
	})

	test('the publication event’s SEQUENCE counts the recorded changes of the date', () => {
		const { db, taskForce, writer } = setting()
		for (const to of ['2027-05-04', '2027-05-11']) {
			recordActivity(db, {
				taskForceId: taskForce.id,
				actorId: writer.id,
				verb: PUBLICATION_DATE_CHANGED,
				subjectType: 'task_force',
				subjectId: taskForce.id,
				data: { to },
			})
		}
		const text = buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS)
		expect(byUid(text, `publication-${taskForce.id}@convene`).sequence).toBe(2)
	})

	test('it holds only the person’s own assignments, not their colleagues’ or unassigned ones', () => {
		const { db, taskForce, writer, mine } = setting()
		const text = buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS)
		const assignmentEvents = events(text).filter((event) => event.uid.startsWith('assignment-'))
		expect(assignmentEvents.map((event) => event.uid)).toEqual([`assignment-${mine.id}@convene`])
		const [own] = assignmentEvents
		expect(own?.summary).toBe('Due: Draft the opening, with examples')
		expect(own?.sequence).toBe(3)
		expect(own?.component.getFirstPropertyValue('url')).toBe(
			`https://convene.example.org/t/${taskForce.slug}/assignments/${mine.id}`,
		)
	})

	test('an edited milestone keeps its UID and shows the higher revision', () => {
		const { db, taskForce, writer, upcoming } = setting()
		const before = byUid(
			buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS),
			`milestone-${upcoming.id}@convene`,
		)
		db.update(milestones)
			.set({ dueOn: '2027-01-22', revision: 1 })
			.where(eq(milestones.id, upcoming.id))
			.run()
		const after = byUid(
			buildTaskForceCalendar(db, taskForce, writer.id, OPTIONS),
			`milestone-${upcoming.id}@convene`,
		)
		expect(after.sequence).toBeGreaterThan(before.sequence)
		expect(after.startDate.toString()).toBe('2027-01-22')
	})
})

describe('the personal subscription', () => {
	test('it covers every task force the person belongs to, each summary naming its task force', () => {
		const { db, writer, taskForce } = setting()
		const other = createTaskForce(db, { name: 'Data Governance for Cities', publicationDate: '2026-03-01' })
		addMember(db, other.id, writer.id, 'observer')
		const text = buildPersonalCalendar(db, writer.id, OPTIONS)
		const uids = events(text).map((event) => event.uid)
		expect(uids).toContain(`publication-${taskForce.id}@convene`)
		expect(uids).toContain(`publication-${other.id}@convene`)
		expect(byUid(text, `publication-${other.id}@convene`).summary).toBe(
			'Publication: Data Governance for Cities',
		)
		expect(events(text).find((event) => event.uid.startsWith('milestone-'))?.summary).toMatch(
			/ · Generative AI in Local Government$/,
		)
	})

	test('a live token gives the owner’s calendar', () => {
		const { db, writer, mine } = setting()
		const token = createCalendarFeed(db, writer.id, NOW.getTime())
		const text = personalCalendarForToken(db, token, OPTIONS)
		expect(text && events(text).map((event) => event.uid)).toContain(`assignment-${mine.id}@convene`)
	})

	test('a revoked, replaced or unknown token gives no calendar at all', () => {
		const { db, writer } = setting()
		const first = createCalendarFeed(db, writer.id, NOW.getTime())
		const second = createCalendarFeed(db, writer.id, NOW.getTime() + 1)
		expect(personalCalendarForToken(db, first, OPTIONS)).toBeNull()
		revokeCalendarFeed(db, writer.id, NOW.getTime() + 2)
		expect(personalCalendarForToken(db, second, OPTIONS)).toBeNull()
		expect(personalCalendarForToken(db, 'a'.repeat(32), OPTIONS)).toBeNull()
	})

	test('the link of a disabled account stops working', () => {
		const { db, writer } = setting()
		const token = createCalendarFeed(db, writer.id, NOW.getTime())
		db.update(users).set({ disabledAt: NOW.getTime() }).where(eq(users.id, writer.id)).run()
		expect(personalCalendarForToken(db, token, OPTIONS)).toBeNull()
	})
})
