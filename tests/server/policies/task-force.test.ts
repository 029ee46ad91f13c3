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
	named,
	PRIVACY,
	type Someone,
	type Standing,
	type StateRow,
	someone,
	TASK_FORCES,
	type TaskForceCase,
} from './fixtures.ts'

/*
 * Expectations from DESIGN.md's role table: co-chairs may do "everything in that task force"; a
 * subcommittee lead manages "that subcommittee's assignments"; members and observers read; a person
 * who is not a member gets 404 (`none`), instance admins included — they "manage accounts".
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

describe('taskForceAccess', () => {
	const cases = EVERYONE.flatMap((who) =>
		[false, true].map((isAdmin) => {
			const expected = STANDING[who.standing].access
			const person = { ...who.person, isAdmin }
			return {
				name: `${who.name}${isAdmin ? ' who is an instance admin' : ''} gets ${expected}`,
				who,
				person,
				expected,
			}
		}),
	)
	test.each(named(cases))('%s', (_name, { who, person, expected }) => {
		expect(taskForceAccess(person, who.membership)).toBe(expected)
	})
})

describe('canManageMembers', () => {
	const cases = EVERYONE.map((who) => {
		const expected = STANDING[who.standing].runsIt
		return {
			name: `${who.name} ${expected ? 'may' : 'may not'} invite, change and remove members`,
			who,
			expected,
		}
	})
	test.each(named(cases))('%s', (_name, { who, expected }) => {
		expect(canManageMembers(who.membership)).toBe(expected)
	})
})

type StateCase = { name: string; who: Someone; taskForce: TaskForceCase; expected: boolean }

function taskForceWideCases(doing: string): StateCase[] {
	return TASK_FORCES.flatMap((taskForce) =>
		EVERYONE.map((who) => {
			const expected = STANDING[who.standing].runsIt && STILL_CHANGES[taskForce.row]
			return {
				name: `${who.name} ${expected ? 'may' : 'may not'} ${doing} ${taskForce.during}`,
				who,
				taskForce,
				expected,
			}
		}),
	)
}

describe('canManageSchedule', () => {
	test.each(named(taskForceWideCases('change phases, gates and milestones')))(
		'%s',
		(_name, { who, taskForce, expected }) => {
			expect(canManageSchedule(who.membership, taskForce.state)).toBe(expected)
		},
	)
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

describe('canReopenPhase', () => {
	const cases = TASK_FORCES.flatMap((taskForce) =>
		EVERYONE.map((who) => {
			const expected = STANDING[who.standing].runsIt && HAS_EARLIER_PHASE[taskForce.row]
			return {
				name: `${who.name} ${expected ? 'may' : 'may not'} reopen the previous phase ${taskForce.during}`,
				who,
				taskForce,
				expected,
			}
		}),
	)
	test.each(named(cases))('%s', (_name, { who, taskForce, expected }) => {
		expect(canReopenPhase(who.membership, taskForce.state)).toBe(expected)
	})
})

describe('canManageSubcommittees', () => {
	test.each(named(taskForceWideCases('create subcommittees and choose their leads')))(
		'%s',
		(_name, { who, taskForce, expected }) => {
			expect(canManageSubcommittees(who.membership, taskForce.state)).toBe(expected)
		},
	)
})

describe('canManageSubcommittee', () => {
	const cases = TASK_FORCES.flatMap((taskForce) =>
		EVERYONE.flatMap((who) =>
			(['Engagement', 'Privacy'] as const).map((subcommittee) => {
				const standing = STANDING[who.standing]
				const expected =
					STILL_CHANGES[taskForce.row] && (standing.runsIt || standing.leads.includes(subcommittee))
				return {
					name: `${who.name} ${expected ? 'may' : 'may not'} manage ${subcommittee} ${taskForce.during}`,
					who,
					taskForce,
					subcommittee,
					expected,
				}
			}),
		),
	)
	test.each(named(cases))('%s', (_name, { who, taskForce, subcommittee, expected }) => {
		expect(canManageSubcommittee(who.membership, taskForce.state, REAL_SUBCOMMITTEE_ID[subcommittee])).toBe(
			expected,
		)
	})
})

const SUBCOMMITTEES: readonly Subcommittee[] = ['Engagement', 'Privacy', 'no subcommittee']

describe('leads', () => {
	const cases = EVERYONE.flatMap((who) =>
		SUBCOMMITTEES.map((subcommittee) => {
			const expected = STANDING[who.standing].leads.includes(subcommittee)
			return {
				name: `${who.name} ${expected ? 'leads' : 'does not lead'} ${subcommittee}`,
				who,
				subcommittee,
				expected,
			}
		}),
	)
	test.each(named(cases))('%s', (_name, { who, subcommittee, expected }) => {
		expect(leads(who.membership, SUBCOMMITTEE_ID[subcommittee])).toBe(expected)
	})
})

describe('belongsTo', () => {
	const cases = EVERYONE.flatMap((who) =>
		SUBCOMMITTEES.map((subcommittee) => {
			const expected = STANDING[who.standing].belongsTo.includes(subcommittee)
			return {
				name: `${who.name} ${expected ? 'belongs' : 'does not belong'} to ${subcommittee}`,
				who,
				subcommittee,
				expected,
			}
		}),
	)
	test.each(named(cases))('%s', (_name, { who, subcommittee, expected }) => {
		expect(belongsTo(who.membership, SUBCOMMITTEE_ID[subcommittee])).toBe(expected)
	})
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
		const writing = { status: 'active', activePhase: 'writing' } as const
		expect(canManageSubcommittee(lead.membership, writing, ENGAGEMENT)).toBe(true)
		expect(canManageSubcommittee(lead.membership, writing, PRIVACY)).toBe(false)
		expect(canManageSubcommittees(lead.membership, writing)).toBe(false)
	})

	test('an instance admin who is not a member of the task force cannot see it', () => {
		expect(taskForceAccess({ id: 'user-admin', isAdmin: true }, null)).toBe('none')
	})
})
