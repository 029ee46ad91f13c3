import { describe, expect, test } from 'vitest'
import { assignmentAccess, canCreateAssignment } from '#server/policies/assignment.server.ts'
import type { AssignmentFacts } from '#server/policies/types.ts'
import {
	ENGAGEMENT,
	EVERYONE,
	may,
	mismatches,
	PRIVACY,
	type Standing,
	type StateRow,
	someone,
	TASK_FORCES,
} from './fixtures.ts'

/*
 * Expectations from the role table and "Assignments" in docs/design/roles-and-phases.md: co-chairs
 * manage all assignments; a subcommittee lead manages that subcommittee's; an assignee may change
 * only the status of their own; observers read only; non-members see nothing. Each table is one
 * test that checks every cell and lists every wrong one.
 */

type Subcommittee = 'Engagement' | 'Privacy'
const SUBCOMMITTEE_ID: Record<Subcommittee, string> = { Engagement: ENGAGEMENT, Privacy: PRIVACY }
const AN: Record<Subcommittee, string> = { Engagement: 'an Engagement', Privacy: 'a Privacy' }

/** Whose assignments each person manages outright, and whether they may update one assigned to them. */
// biome-ignore format: a table reads best aligned
const MAY: Record<Standing, { manages: 'every subcommittee' | Subcommittee[]; updatesOwn: boolean }> = {
	'co-chair':                            { manages: 'every subcommittee', updatesOwn: true },
	'co-chair who is an owning member':    { manages: 'every subcommittee', updatesOwn: true },
	'owning lead':                         { manages: ['Engagement'],       updatesOwn: true },
	'owning lead, not listed as a member': { manages: ['Engagement'],       updatesOwn: true },
	'owning member':                       { manages: [],                   updatesOwn: true },
	'other member':                        { manages: [],                   updatesOwn: true },
	'other lead':                          { manages: ['Privacy'],          updatesOwn: true },
	// Listed as Engagement's lead in the data, and even as an assignee: still read only.
	observer:                              { manages: [],                   updatesOwn: false },
	'non-member':                          { manages: [],                   updatesOwn: false },
}

/** Whether assignments may still change: not once the task force is published or archived. */
// biome-ignore format: a table reads best aligned
const ASSIGNMENTS_CHANGE: Record<StateRow, boolean> = {
	research:          true,
	writing:           true,
	editing:           true,
	publishing:        true,
	'no active phase': true,
	published:         false,
	archived:          false,
}

function manages(standing: Standing, subcommittee: Subcommittee): boolean {
	const { manages } = MAY[standing]
	return manages === 'every subcommittee' || manages.includes(subcommittee)
}

type Assignee = 'assigned to them' | 'assigned to someone else' | 'unassigned'
const ASSIGNEES: readonly Assignee[] = ['assigned to them', 'assigned to someone else', 'unassigned']

const ASSIGNMENT_CASES = TASK_FORCES.flatMap((taskForce) =>
	EVERYONE.flatMap((who) =>
		(['Engagement', 'Privacy'] as const).flatMap((subcommittee) =>
			ASSIGNEES.map((assignee) => {
				const assignment: AssignmentFacts = {
					subcommitteeId: SUBCOMMITTEE_ID[subcommittee],
					assigneeId: {
						'assigned to them': who.person.id,
						'assigned to someone else': 'user-someone-else',
						unassigned: null,
					}[assignee],
				}
				let expected: 'edit' | 'status' | 'none' = 'none'
				if (ASSIGNMENTS_CHANGE[taskForce.row]) {
					if (manages(who.standing, subcommittee)) expected = 'edit'
					else if (assignee === 'assigned to them' && MAY[who.standing].updatesOwn) expected = 'status'
				}
				return {
					name: `${who.name}, ${AN[subcommittee]} assignment ${assignee}, ${taskForce.during}`,
					who,
					taskForce,
					assignment,
					expected,
				}
			}),
		),
	),
)

test(`assignmentAccess: every person, subcommittee, assignee and state (${ASSIGNMENT_CASES.length} cases)`, () => {
	const wrong = mismatches(ASSIGNMENT_CASES, ({ who, taskForce, assignment }) =>
		assignmentAccess(who.person, who.membership, taskForce.state, assignment),
	)
	expect(wrong).toEqual([])
})

const CREATE_CASES = TASK_FORCES.flatMap((taskForce) =>
	EVERYONE.flatMap((who) =>
		(['Engagement', 'Privacy'] as const).map((subcommittee) => ({
			name: `${who.name} creating ${AN[subcommittee]} assignment ${taskForce.during}`,
			who,
			taskForce,
			subcommittee,
			expected: ASSIGNMENTS_CHANGE[taskForce.row] && manages(who.standing, subcommittee),
		})),
	),
)

test(`canCreateAssignment: every person, subcommittee and state (${CREATE_CASES.length} cases)`, () => {
	const wrong = mismatches(
		CREATE_CASES,
		({ who, taskForce, subcommittee }) =>
			canCreateAssignment(who.membership, taskForce.state, SUBCOMMITTEE_ID[subcommittee]),
		may,
	)
	expect(wrong).toEqual([])
})

describe('assignment decisions, as sentences', () => {
	const writing = { status: 'active', activePhase: 'writing', observersMayComment: false } as const

	test('an assignee may change only the status of their assignment', () => {
		const member = someone('owning member')
		const theirs = { subcommitteeId: ENGAGEMENT, assigneeId: member.person.id }
		expect(assignmentAccess(member.person, member.membership, writing, theirs)).toBe('status')
		expect(canCreateAssignment(member.membership, writing, ENGAGEMENT)).toBe(false)
	})

	test('an observer assigned work in a subcommittee they are listed as leading may change nothing', () => {
		const observer = someone('observer')
		const theirs = { subcommitteeId: ENGAGEMENT, assigneeId: observer.person.id }
		expect(assignmentAccess(observer.person, observer.membership, writing, theirs)).toBe('none')
		expect(canCreateAssignment(observer.membership, writing, ENGAGEMENT)).toBe(false)
	})

	test('a lead manages the assignments of their own subcommittee and no other', () => {
		const lead = someone('owning lead')
		const unassigned = (subcommitteeId: string) => ({ subcommitteeId, assigneeId: null })
		expect(assignmentAccess(lead.person, lead.membership, writing, unassigned(ENGAGEMENT))).toBe('edit')
		expect(assignmentAccess(lead.person, lead.membership, writing, unassigned(PRIVACY))).toBe('none')
		expect(canCreateAssignment(lead.membership, writing, ENGAGEMENT)).toBe(true)
		expect(canCreateAssignment(lead.membership, writing, PRIVACY)).toBe(false)
	})

	test('a published or archived task force allows no assignment changes, even to co-chairs and assignees', () => {
		for (const taskForce of TASK_FORCES.filter((entry) => entry.state.status !== 'active')) {
			for (const who of EVERYONE) {
				for (const subcommitteeId of [ENGAGEMENT, PRIVACY]) {
					const theirs = { subcommitteeId, assigneeId: who.person.id }
					expect(assignmentAccess(who.person, who.membership, taskForce.state, theirs)).toBe('none')
					expect(canCreateAssignment(who.membership, taskForce.state, subcommitteeId)).toBe(false)
				}
			}
		}
	})
})
