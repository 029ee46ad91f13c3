import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, subcommitteeMembers, subcommittees } from '#db/schema/index.ts'
import {
	addSubcommitteeMember,
	removeSubcommitteeMember,
	SEARCH_LIMIT,
	searchCandidates,
} from '#server/subcommittees/subcommittee-members.server.ts'
import { getSubcommittee, getSubcommitteePage } from '#server/subcommittees/subcommittee-page.server.ts'
import {
	createAssignment,
	createOrganization,
	createSubcommitteeRow,
	seat,
} from '../../factories/subcommittees.ts'
import { addMember, createTaskForce, createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const T0 = Date.parse('2026-11-28T12:00:00Z')

function setting() {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db)
	const chair = createUser(db, { name: 'Dana Whitfield' })
	addMember(db, taskForce.id, chair.id, 'co_chair')
	const city = createOrganization(db, 'local_government', 'City of Tucson')
	const campus = createOrganization(db, 'university', 'Arizona State University')
	const ana = createUser(db, {
		name: 'Ana Ruiz',
		email: 'ana.ruiz@tucson.example.gov',
		organizationId: city.id,
	})
	const ben = createUser(db, {
		name: 'Ben Okafor',
		email: 'bokafor@asu.example.edu',
		organizationId: campus.id,
	})
	const olive = createUser(db, { name: 'Olive Grant', organizationId: city.id })
	const stranger = createUser(db, { name: 'Sam Stranger', organizationId: city.id })
	addMember(db, taskForce.id, ana.id)
	addMember(db, taskForce.id, ben.id)
	addMember(db, taskForce.id, olive.id, 'observer')
	const subcommittee = createSubcommitteeRow(db, taskForce.id, { name: 'Community Engagement' })
	const reload = () => getSubcommittee(db, taskForce.id, subcommittee.id) ?? subcommittee
	const seats = () =>
		db
			.select({ userId: subcommitteeMembers.userId })
			.from(subcommitteeMembers)
			.all()
			.map((row) => row.userId)
	const verbs = () => db.select({ verb: activity.verb, data: activity.data }).from(activity).all()
	return { db, taskForce, chair, ana, ben, olive, stranger, subcommittee, reload, seats, verbs }
}

describe('adding members', () => {
	test('a task-force member is seated and the addition recorded with their name', () => {
		const { db, chair, ana, subcommittee, seats, verbs } = setting()
		expect(addSubcommitteeMember(db, chair, subcommittee, ana.id, T0, live)).toEqual({
			ok: true,
			name: 'Ana Ruiz',
		})
		expect(seats()).toEqual([ana.id])
		expect(verbs()).toEqual([
			{
				verb: 'subcommittee.member_added',
				data: { name: 'Ana Ruiz', userId: ana.id, subcommittee: 'Community Engagement' },
			},
		])
	})

	test('adding someone already seated changes nothing and records nothing', () => {
		const { db, chair, ana, subcommittee, seats, verbs } = setting()
		seat(db, subcommittee.id, ana.id)
		expect(addSubcommitteeMember(db, chair, subcommittee, ana.id, T0, live).ok).toBe(true)
		expect(seats()).toEqual([ana.id])
		expect(verbs()).toEqual([])
	})

	test('an observer cannot be added to a subcommittee', () => {
		const { db, chair, olive, subcommittee, seats } = setting()
		expect(addSubcommitteeMember(db, chair, subcommittee, olive.id, T0, live)).toEqual({
			ok: false,
			message: 'Olive Grant is an observer. Observers read only and cannot join a subcommittee.',
		})
		expect(seats()).toEqual([])
	})

	test('someone outside the task force, or an unknown id, cannot be added', () => {
		const { db, chair, stranger, subcommittee, seats } = setting()
		expect(addSubcommitteeMember(db, chair, subcommittee, stranger.id, T0, live).ok).toBe(false)
		expect(addSubcommitteeMember(db, chair, subcommittee, 'nobody', T0, live).ok).toBe(false)
		expect(seats()).toEqual([])
	})
})

describe('removing members', () => {
	test('removing the lead also clears the lead, and both changes are recorded', () => {
		const { db, chair, ana, ben, subcommittee, reload, seats, verbs } = setting()
		seat(db, subcommittee.id, ana.id, ben.id)
		db.update(subcommittees).set({ leadUserId: ana.id }).where(eq(subcommittees.id, subcommittee.id)).run()
		const led = reload()
		expect(removeSubcommitteeMember(db, chair, led, ana.id, T0, live)).toEqual({
			ok: true,
			name: 'Ana Ruiz',
			wasLead: true,
			openAssignments: 0,
		})
		expect(reload().leadUserId).toBeNull()
		expect(seats()).toEqual([ben.id])
		expect(verbs().map((entry) => entry.verb)).toEqual([
			'subcommittee.member_removed',
			'subcommittee.lead_changed',
		])
		expect(verbs()[1]?.data).toEqual({ name: 'Community Engagement', from: 'Ana Ruiz', to: null })
	})

	test('removing someone tells how many open assignments they still hold here', () => {
		const { db, taskForce, chair, ben, subcommittee } = setting()
		seat(db, subcommittee.id, ben.id)
		createAssignment(db, taskForce.id, subcommittee.id, { assigneeId: ben.id, status: 'todo' })
		createAssignment(db, taskForce.id, subcommittee.id, { assigneeId: ben.id, status: 'done' })
		const outcome = removeSubcommitteeMember(db, chair, subcommittee, ben.id, T0, live)
		expect(outcome.ok && outcome.openAssignments).toBe(1)
	})

	test('removing someone who is not at the table is refused', () => {
		const { db, chair, ben, subcommittee, verbs } = setting()
		expect(removeSubcommitteeMember(db, chair, subcommittee, ben.id, T0, live).ok).toBe(false)
		expect(verbs()).toEqual([])
	})
})

describe('searching for people to add', () => {
	test('finds task-force members by name, email or organization, and only them', () => {
		const { db, subcommittee } = setting()
		const names = (query: string) =>
			searchCandidates(db, subcommittee, query).matches.map((match) => match.name)
		expect(names('okafor')).toEqual(['Ben Okafor'])
		expect(names('tucson.example')).toEqual(['Ana Ruiz'])
		expect(names('arizona state')).toEqual(['Ben Okafor'])
		// Sam works for the City of Tucson too, but is not in this task force.
		expect(names('City of Tucson')).toEqual(['Ana Ruiz', 'Olive Grant'])
	})

	test('says who is already seated and who is an observer', () => {
		const { db, ana, subcommittee } = setting()
		seat(db, subcommittee.id, ana.id)
		const matches = searchCandidates(db, subcommittee, 'tucson').matches
		expect(matches.map(({ name, seated, role }) => ({ name, seated, role }))).toEqual([
			{ name: 'Ana Ruiz', seated: true, role: 'member' },
			{ name: 'Olive Grant', seated: false, role: 'observer' },
		])
	})

	test('treats % and _ as the characters they are', () => {
		const { db, subcommittee } = setting()
		expect(searchCandidates(db, subcommittee, '%').total).toBe(0)
		expect(searchCandidates(db, subcommittee, '_').total).toBe(0)
	})

	test('shows at most a page of matches and counts them all', () => {
		const { db, taskForce, subcommittee } = setting()
		for (let i = 0; i < SEARCH_LIMIT + 5; i++) {
			const person = createUser(db, { name: `Analyst ${String(i).padStart(2, '0')}` })
			addMember(db, taskForce.id, person.id)
		}
		const found = searchCandidates(db, subcommittee, 'analyst')
		expect(found.total).toBe(SEARCH_LIMIT + 5)
		expect(found.matches).toHaveLength(SEARCH_LIMIT)
	})
})

describe('the page', () => {
	test('counts the sector mix and marks overdue open work on the task force’s date', () => {
		const { db, taskForce, ana, ben, subcommittee } = setting()
		seat(db, subcommittee.id, ana.id, ben.id)
		createAssignment(db, taskForce.id, subcommittee.id, { title: 'Late', dueOn: '2026-11-20' })
		createAssignment(db, taskForce.id, subcommittee.id, { title: 'Later', dueOn: '2026-12-20' })
		createAssignment(db, taskForce.id, subcommittee.id, {
			title: 'Done',
			status: 'done',
			dueOn: '2026-11-01',
		})
		const page = getSubcommitteePage(db, subcommittee, '2026-11-28')
		expect(page.sectors).toEqual([
			{ sector: 'local_government', count: 1 },
			{ sector: 'university', count: 1 },
		])
		expect(page.openAssignments.map(({ title, overdue }) => ({ title, overdue }))).toEqual([
			{ title: 'Late', overdue: true },
			{ title: 'Later', overdue: false },
		])
		expect(page.doneAssignmentCount).toBe(1)
	})
})
