import { describe, expect, test } from 'vitest'
import {
	belongsTo,
	canManageMembers,
	canManageSchedule,
	canManageSubcommittee,
	canManageSubcommittees,
	canReopenPhase,
	leads,
	taskForceAccess,
} from '#server/policies/task-force.server.ts'
import type { TaskForceAccess } from '#server/policies/types.ts'
import {
	ENGAGEMENT,
	EVERYONE,
	may,
	mismatches,
	PRIVACY,
	type Someone,
	type Standing,
	type StateRow,
	someone,
	TASK_FORCES,
	type TaskForceCase,
} from './fixtures.ts'

/*
 * Expectations from the role table of docs/design/roles-and-phases.md: co-chairs may do everything in
 * the task force; a subcommittee lead manages that subcommittee's members and assignments; members
 * and observers read; a person who is not a member gets 404 (`none`), instance admins included —
 * they manage accounts. Each table is one test that checks every cell and lists every wrong one.
 */

const REAL_SUBCOMMITTEE_ID = { Engagement: ENGAGEMENT, Privacy: PRIVACY } as const
type Subcommittee = keyof typeof REAL_SUBCOMMITTEE_ID | 'no subcommittee'
const SUBCOMMITTEE_ID: Record<Subcommittee, string | null> = {
	...REAL_SUBCOMMITTEE_ID,
	'no subcommittee': null,
}

/** What each person may do with the task force as a whole, and which subcommittees they lead and belong to. */
// biome-ignore format: a table reads best aligned
const STANDING: Record<Standing, { access: TaskForceAccess; runsIt: boolean; leads: Subcommittee[]; belongsTo: Subcommittee[] }> = {
	'co-chair':                            { access: 'manage', runsIt: true,  leads: [],             belongsTo: [] },
	'co-chair who is an owning member':    { access: 'manage', runsIt: true,  leads: [],             belongsTo: ['Engagement'] },
	'owning lead':                         { access: 'read',   runsIt: false, leads: ['Engagement'], belongsTo: ['Engagement'] },
	// A lead belongs to the subcommittee they lead, listed among its members or not.
	'owning lead, not listed as a member': { access: 'read',   runsIt: false, leads: ['Engagement'], belongsTo: ['Engagement'] },
	'owning member':                       { access: 'read',   runsIt: false, leads: [],             belongsTo: ['Engagement'] },
	'other member':                        { access: 'read',   runsIt: false, leads: [],             belongsTo: ['Privacy'] },
	'other lead':                          { access: 'read',   runsIt: false, leads: ['Privacy'],    belongsTo: ['Privacy'] },
	// Listed as Engagement's lead and member in the data, but an observer reads only.
	observer:                              { access: 'read',   runsIt: false, leads: [],             belongsTo: [] },
	'non-member':                          { access: 'none',   runsIt: false, leads: [],             belongsTo: [] },
}

/** Whether the task force's set-up (schedule, subcommittees) and subcommittees' work may still change. */
// biome-ignore format: a table reads best aligned
const STILL_CHANGES: Record<StateRow, boolean> = {
	research:          true,
	writing:           true,
	editing:           true,
	publishing:        true,
	// Broken data (no active phase) is for a co-chair to repair, so the task force stays manageable.
	'no active phase': true,
	published:         false,
	archived:          false,
}

const ACCESS_CASES = EVERYONE.flatMap((who) =>
	[false, true].map((isAdmin) => ({
		name: `${who.name}${isAdmin ? ' who is an instance admin' : ''}`,
		who,
		person: { ...who.person, isAdmin },
		expected: STANDING[who.standing].access,
	})),
)

test(`taskForceAccess: every person, admin or not (${ACCESS_CASES.length} cases)`, () => {
	expect(mismatches(ACCESS_CASES, ({ who, person }) => taskForceAccess(person, who.membership))).toEqual([])
})

const MEMBERS_CASES = EVERYONE.map((who) => ({
	name: `${who.name} inviting, changing and removing members`,
	who,
	expected: STANDING[who.standing].runsIt,
}))

test(`canManageMembers: every person (${MEMBERS_CASES.length} cases)`, () => {
	expect(mismatches(MEMBERS_CASES, ({ who }) => canManageMembers(who.membership), may)).toEqual([])
})

type StateCase = { name: string; who: Someone; taskForce: TaskForceCase; expected: boolean }

function taskForceWideCases(doing: string): StateCase[] {
	return TASK_FORCES.flatMap((taskForce) =>
		EVERYONE.map((who) => ({
			name: `${who.name} ${doing} ${taskForce.during}`,
			who,
			taskForce,
			expected: STANDING[who.standing].runsIt && STILL_CHANGES[taskForce.row],
		})),
	)
}

const SCHEDULE_CASES = taskForceWideCases('changing phases, gates and milestones')

test(`canManageSchedule: every person and state (${SCHEDULE_CASES.length} cases)`, () => {
	const wrong = mismatches(
		SCHEDULE_CASES,
		({ who, taskForce }) => canManageSchedule(who.membership, taskForce.state),
		may,
	)
	expect(wrong).toEqual([])
})

/** Whether there is an earlier phase to go back to (publication is final). */
// biome-ignore format: a table reads best aligned
const HAS_EARLIER_PHASE: Record<StateRow, boolean> = {
	research:          false,
	writing:           true,
	editing:           true,
	publishing:        true,
	'no active phase': false,
	published:         false,
	archived:          false,
}

const REOPEN_CASES = TASK_FORCES.flatMap((taskForce) =>
	EVERYONE.map((who) => ({
		name: `${who.name} reopening the previous phase ${taskForce.during}`,
		who,
		taskForce,
		expected: STANDING[who.standing].runsIt && HAS_EARLIER_PHASE[taskForce.row],
	})),
)

test(`canReopenPhase: every person and state (${REOPEN_CASES.length} cases)`, () => {
	const wrong = mismatches(
		REOPEN_CASES,
		({ who, taskForce }) => canReopenPhase(who.membership, taskForce.state),
		may,
	)
	expect(wrong).toEqual([])
})

const SUBCOMMITTEES_CASES = taskForceWideCases('creating subcommittees and choosing their leads')

test(`canManageSubcommittees: every person and state (${SUBCOMMITTEES_CASES.length} cases)`, () => {
	const wrong = mismatches(
		SUBCOMMITTEES_CASES,
		({ who, taskForce }) => canManageSubcommittees(who.membership, taskForce.state),
		may,
	)
	expect(wrong).toEqual([])
})

const SUBCOMMITTEE_CASES = TASK_FORCES.flatMap((taskForce) =>
	EVERYONE.flatMap((who) =>
		(['Engagement', 'Privacy'] as const).map((subcommittee) => {
			const standing = STANDING[who.standing]
			return {
				name: `${who.name} managing ${subcommittee} ${taskForce.during}`,
				who,
				taskForce,
				subcommittee,
				expected: STILL_CHANGES[taskForce.row] && (standing.runsIt || standing.leads.includes(subcommittee)),
			}
		}),
	),
)

test(`canManageSubcommittee: every person, subcommittee and state (${SUBCOMMITTEE_CASES.length} cases)`, () => {
	const wrong = mismatches(
		SUBCOMMITTEE_CASES,
		({ who, taskForce, subcommittee }) =>
			canManageSubcommittee(who.membership, taskForce.state, REAL_SUBCOMMITTEE_ID[subcommittee]),
		may,
	)
	expect(wrong).toEqual([])
})

const SUBCOMMITTEES: readonly Subcommittee[] = ['Engagement', 'Privacy', 'no subcommittee']

const LEADS_CASES = EVERYONE.flatMap((who) =>
	SUBCOMMITTEES.map((subcommittee) => ({
		name: `whether ${who.name} leads ${subcommittee}`,
		who,
		subcommittee,
		expected: STANDING[who.standing].leads.includes(subcommittee),
	})),
)

test(`leads: every person and subcommittee (${LEADS_CASES.length} cases)`, () => {
	const wrong = mismatches(LEADS_CASES, ({ who, subcommittee }) =>
		leads(who.membership, SUBCOMMITTEE_ID[subcommittee]),
	)
	expect(wrong).toEqual([])
})

const BELONGS_CASES = EVERYONE.flatMap((who) =>
	SUBCOMMITTEES.map((subcommittee) => ({
		name: `whether ${who.name} belongs to ${subcommittee}`,
		who,
		subcommittee,
		expected: STANDING[who.standing].belongsTo.includes(subcommittee),
	})),
)

test(`belongsTo: every person and subcommittee (${BELONGS_CASES.length} cases)`, () => {
	const wrong = mismatches(BELONGS_CASES, ({ who, subcommittee }) =>
		belongsTo(who.membership, SUBCOMMITTEE_ID[subcommittee]),
	)
	expect(wrong).toEqual([])
})

describe('task-force decisions, as sentences', () => {
	const observer = someone('observer')
	const lead = someone('owning lead')

	test('an observer never runs anything, whatever subcommittees the data lists them in', () => {
		expect(taskForceAccess(observer.person, observer.membership)).toBe('read')
		expect(canManageMembers(observer.membership)).toBe(false)
		expect(leads(observer.membership, ENGAGEMENT)).toBe(false)
		expect(belongsTo(observer.membership, ENGAGEMENT)).toBe(false)
		for (const taskForce of TASK_FORCES) {
			expect(canManageSchedule(observer.membership, taskForce.state)).toBe(false)
			expect(canManageSubcommittees(observer.membership, taskForce.state)).toBe(false)
			expect(canManageSubcommittee(observer.membership, taskForce.state, ENGAGEMENT)).toBe(false)
		}
	})

	test('a published or archived task force allows no schedule or subcommittee changes, even to co-chairs', () => {
		for (const taskForce of TASK_FORCES.filter((entry) => entry.state.status !== 'active')) {
			for (const who of EVERYONE) {
				expect(canManageSchedule(who.membership, taskForce.state)).toBe(false)
				expect(canManageSubcommittees(who.membership, taskForce.state)).toBe(false)
				expect(canManageSubcommittee(who.membership, taskForce.state, ENGAGEMENT)).toBe(false)
				expect(canManageSubcommittee(who.membership, taskForce.state, PRIVACY)).toBe(false)
			}
		}
	})

	test('a lead manages their own subcommittee and no other', () => {
		const writing = { status: 'active', activePhase: 'writing', observersMayComment: false } as const
		expect(canManageSubcommittee(lead.membership, writing, ENGAGEMENT)).toBe(true)
		expect(canManageSubcommittee(lead.membership, writing, PRIVACY)).toBe(false)
		expect(canManageSubcommittees(lead.membership, writing)).toBe(false)
	})

	test('an instance admin who is not a member of the task force cannot see it', () => {
		expect(taskForceAccess({ id: 'user-admin', isAdmin: true }, null)).toBe('none')
	})
})
