import { describe, expect, test } from 'vitest'
import {
	canChangeSectionStatus,
	canRestoreSectionVersion,
	sectionAccess,
} from '#server/policies/section.server.ts'
import type { SectionAccess, SectionFacts } from '#server/policies/types.ts'
import { SECTION_STATUSES, type SectionStatus } from '#shared/domain.ts'
import {
	ENGAGEMENT,
	EVERYONE,
	MORE_PEOPLE,
	named,
	PEOPLE,
	type Someone,
	type Standing,
	type StateRow,
	someone,
	TASK_FORCES,
	type TaskForceCase,
} from './fixtures.ts'

/*
 * The expectations below are written from DESIGN.md ("Phases and who may edit a section's text" and
 * the role table), not from the code under test: where the two disagree, these tables stay as the
 * design says and the test fails.
 */

type Column = 'co-chair' | 'owning lead' | 'owning member' | 'other member' | 'observer'
type Cell = 'edit' | 'read'
type Row = readonly [coChair: Cell, owningLead: Cell, owningMember: Cell, otherMember: Cell, observer: Cell]

/** DESIGN.md's matrix as written there; "edit" is the policy's `write`. */
// biome-ignore format: DESIGN.md's matrix, kept aligned so it can be checked against it by eye
const WHO_MAY_EDIT_A_SECTION: Record<StateRow, Row> = {
	//                  co-chair  owning lead  owning member  other member  observer
	research:          ['edit',   'edit',      'edit',        'read',       'read'],
	writing:           ['edit',   'edit',      'edit',        'read',       'read'],
	editing:           ['edit',   'edit',      'read',        'read',       'read'], // owning member: read*, "suggest" later
	publishing:        ['edit',   'read',      'read',        'read',       'read'],
	published:         ['read',   'read',      'read',        'read',       'read'],
	// Not rows of DESIGN.md's matrix. An archived task force has left the active life DESIGN.md
	// describes, so it reads like a published one. An active task force always has exactly one
	// active phase until publication, so a missing one is broken data, which must grant no writing.
	archived:          ['read',   'read',      'read',        'read',       'read'],
	'no active phase': ['read',   'read',      'read',        'read',       'read'],
}

/** Which column each person falls in, for a section Engagement owns and one no subcommittee owns. */
// biome-ignore format: a table reads best aligned
const COLUMN_OF: Record<Standing, { owned: Column | 'not in the task force'; unowned: Column | 'not in the task force' }> = {
	'co-chair':                            { owned: 'co-chair',      unowned: 'co-chair' },
	'co-chair who is an owning member':    { owned: 'co-chair',      unowned: 'co-chair' },
	'owning lead':                         { owned: 'owning lead',   unowned: 'other member' },
	'owning lead, not listed as a member': { owned: 'owning lead',   unowned: 'other member' },
	'owning member':                       { owned: 'owning member', unowned: 'other member' },
	'other member':                        { owned: 'other member',  unowned: 'other member' },
	'other lead':                          { owned: 'other member',  unowned: 'other member' },
	observer:                              { owned: 'observer',      unowned: 'observer' },
	'non-member':                          { owned: 'not in the task force', unowned: 'not in the task force' },
}

function cell(row: StateRow, column: Column): Cell {
	const [coChair, owningLead, owningMember, otherMember, observer] = WHO_MAY_EDIT_A_SECTION[row]
	return {
		'co-chair': coChair,
		'owning lead': owningLead,
		'owning member': owningMember,
		'other member': otherMember,
		observer,
	}[column]
}

function expectedSectionAccess(
	standing: Standing,
	row: StateRow,
	status: SectionStatus,
	owned: boolean,
): SectionAccess {
	const column = COLUMN_OF[standing][owned ? 'owned' : 'unowned']
	// "A person who is not a member of a task force gets 404 for all of its pages and sockets."
	if (column === 'not in the task force') return 'none'
	// "A section with status approved is editable by co-chairs only."
	if (status === 'approved' && column !== 'co-chair') return 'read'
	return cell(row, column) === 'edit' ? 'write' : 'read'
}

function sectionOf(owned: boolean, status: SectionStatus): SectionFacts {
	return { subcommitteeId: owned ? ENGAGEMENT : null, status }
}

type AccessCase = {
	name: string
	who: Someone
	taskForce: TaskForceCase
	section: SectionFacts
	expected: SectionAccess
}

function accessCases(people: readonly Someone[], owned: boolean): AccessCase[] {
	return TASK_FORCES.flatMap((taskForce) =>
		people.flatMap((who) =>
			SECTION_STATUSES.map((status): AccessCase => {
				const expected = expectedSectionAccess(who.standing, taskForce.row, status, owned)
				const label = owned ? who.asToOwnedSection : who.asToUnownedSection
				return {
					name: `${taskForce.label} · ${label} · ${status} → ${expected}`,
					who,
					taskForce,
					section: sectionOf(owned, status),
					expected,
				}
			}),
		),
	)
}

describe('sectionAccess to a section its subcommittee (Engagement) owns', () => {
	test.each(named(accessCases(PEOPLE, true)))('%s', (_name, { who, taskForce, section, expected }) => {
		expect(sectionAccess(who.person, who.membership, taskForce.state, section)).toBe(expected)
	})
})

describe('sectionAccess to a section no subcommittee owns', () => {
	test.each(named(accessCases(PEOPLE, false)))('%s', (_name, { who, taskForce, section, expected }) => {
		expect(sectionAccess(who.person, who.membership, taskForce.state, section)).toBe(expected)
	})
})

describe('sectionAccess for other shapes of membership data', () => {
	test.each(named([...accessCases(MORE_PEOPLE, true), ...accessCases(MORE_PEOPLE, false)]))(
		'%s',
		(_name, { who, taskForce, section, expected }) => {
			expect(sectionAccess(who.person, who.membership, taskForce.state, section)).toBe(expected)
		},
	)
})

test('canRestoreSectionVersion: exactly those who may write the text now (every person, state and status)', () => {
	const everyone = [...PEOPLE, ...MORE_PEOPLE]
	const wrong = [...accessCases(everyone, true), ...accessCases(everyone, false)]
		.filter(
			({ who, taskForce, section, expected }) =>
				canRestoreSectionVersion(who.person, who.membership, taskForce.state, section) !==
				(expected === 'write'),
		)
		.map((entry) => entry.name)
	expect(wrong).toEqual([])
})

describe('sectionAccess, as sentences', () => {
	const observer = someone('observer')

	test('an observer reads every section in every state, even listed as its lead', () => {
		for (const taskForce of TASK_FORCES) {
			for (const status of SECTION_STATUSES) {
				for (const owned of [true, false]) {
					expect(
						sectionAccess(observer.person, observer.membership, taskForce.state, sectionOf(owned, status)),
					).toBe('read')
				}
			}
		}
	})

	test('an instance admin who is not a member of the task force gets nothing', () => {
		const admin = { id: 'user-admin', isAdmin: true }
		for (const taskForce of TASK_FORCES) {
			expect(sectionAccess(admin, null, taskForce.state, sectionOf(true, 'drafting'))).toBe('none')
		}
	})
})

/*
 * Moving a section between statuses. DESIGN.md: the subcommittee lead may "move its sections to
 * review"; members "write in the sections their subcommittee owns"; co-chairs may do everything in
 * the task force; observers read only. DESIGN.md does not say who starts drafting: writing is what
 * starts a draft, so it is whoever may write the section's text at that moment (the policy's own
 * comment says the same: "its writers start drafting").
 */

type Mover = 'writers' | 'owning lead' | 'co-chairs' | '—'

/** Who, besides co-chairs, may move a section from a status (row) to another (column). */
// biome-ignore format: a table reads best aligned
const WHO_MAY_MOVE: Record<SectionStatus, Record<SectionStatus, Mover>> = {
	//            to: not_started          drafting                in_review                  approved
	not_started: { not_started: '—',         drafting: 'writers',   in_review: 'co-chairs',   approved: 'co-chairs' },
	drafting:    { not_started: 'co-chairs', drafting: '—',         in_review: 'owning lead', approved: 'co-chairs' },
	in_review:   { not_started: 'co-chairs', drafting: 'co-chairs', in_review: '—',           approved: 'co-chairs' },
	approved:    { not_started: 'co-chairs', drafting: 'co-chairs', in_review: 'co-chairs',   approved: '—' },
}

const PHASE_ROWS: readonly StateRow[] = ['research', 'writing', 'editing', 'publishing']

function expectedMayMove(
	who: Someone,
	taskForce: TaskForceCase,
	from: SectionStatus,
	to: SectionStatus,
	owned: boolean,
): boolean {
	const column = COLUMN_OF[who.standing][owned ? 'owned' : 'unowned']
	if (column === 'not in the task force' || column === 'observer') return false
	// A published task force is a record: its sections are read-only ("task force published" row),
	// and an archived one even more so.
	if (taskForce.state.status !== 'active') return false
	const mover = WHO_MAY_MOVE[from][to]
	if (mover === '—') return false
	if (column === 'co-chair') return true
	if (mover === 'writers') return expectedSectionAccess(who.standing, taskForce.row, from, owned) === 'write'
	// "move its sections to review": the role table ties this to the lead's subcommittee, not to a
	// phase; it still needs a phase to be running (see 'no active phase' above).
	if (mover === 'owning lead') return column === 'owning lead' && PHASE_ROWS.includes(taskForce.row)
	return false
}

type MoveCase = {
	name: string
	who: Someone
	taskForce: TaskForceCase
	section: SectionFacts
	to: SectionStatus
	expected: boolean
}

function moveCases(people: readonly Someone[], owned: boolean): MoveCase[] {
	return TASK_FORCES.flatMap((taskForce) =>
		people.flatMap((who) =>
			SECTION_STATUSES.flatMap((from) =>
				SECTION_STATUSES.map((to): MoveCase => {
					const expected = expectedMayMove(who, taskForce, from, to, owned)
					const label = owned ? who.asToOwnedSection : who.asToUnownedSection
					return {
						name: `${taskForce.label} · ${label} ${expected ? 'may' : 'may not'} move ${from} → ${to}`,
						who,
						taskForce,
						section: sectionOf(owned, from),
						to,
						expected,
					}
				}),
			),
		),
	)
}

describe('canChangeSectionStatus of a section its subcommittee (Engagement) owns', () => {
	test.each(named(moveCases(EVERYONE, true)))('%s', (_name, { who, taskForce, section, to, expected }) => {
		expect(canChangeSectionStatus(who.person, who.membership, taskForce.state, section, to)).toBe(expected)
	})
})

describe('canChangeSectionStatus of a section no subcommittee owns', () => {
	test.each(named(moveCases(EVERYONE, false)))('%s', (_name, { who, taskForce, section, to, expected }) => {
		expect(canChangeSectionStatus(who.person, who.membership, taskForce.state, section, to)).toBe(expected)
	})
})
