import { describe, expect, test } from 'vitest'
import {
	canChangeSectionStatus,
	canRestoreSectionVersion,
	sectionAccess,
} from '#server/policies/section.server.ts'
import type { SectionAccess, SectionFacts } from '#server/policies/types.ts'
import { PHASE_KINDS, SECTION_STATUSES, type SectionStatus } from '#shared/domain.ts'
import { ROLES_AND_PHASES, readDesignTable } from './design-tables.ts'
import {
	ENGAGEMENT,
	EVERYONE,
	may,
	mismatches,
	type Someone,
	type Standing,
	type StateRow,
	someone,
	TASK_FORCES,
	type TaskForceCase,
} from './fixtures.ts'

/*
 * The expectations below are read from docs/design/roles-and-phases.md ("Who may edit a section's
 * text", "Who may move a section's status" and the role table), not from the code under test: where
 * the two disagree, the test fails. Each table is one test that checks every cell and lists every
 * wrong one.
 */

const COLUMNS = ['co-chair', 'owning lead', 'owning member', 'other member', 'observer'] as const
type Column = (typeof COLUMNS)[number]
type Cell = SectionAccess

const STATE_ROWS: readonly StateRow[] = [...PHASE_KINDS, 'published', 'archived', 'no active phase']

/** The design's access matrix: each cell is the policy's `SectionAccess`. */
const WHO_MAY_EDIT_A_SECTION = readDesignTable<StateRow, Column, Cell>(
	ROLES_AND_PHASES,
	'phase \\ who',
	STATE_ROWS,
	COLUMNS,
	['write', 'suggest', 'comment', 'read'],
)

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

function expectedSectionAccess(
	standing: Standing,
	taskForce: TaskForceCase,
	status: SectionStatus,
	owned: boolean,
): SectionAccess {
	const { row } = taskForce
	const column = COLUMN_OF[standing][owned ? 'owned' : 'unowned']
	// "Not a member of the task force: no access at all (404)."
	if (column === 'not in the task force') return 'none'
	const cell = WHO_MAY_EDIT_A_SECTION[row][column]
	const activePhase = (PHASE_KINDS as readonly StateRow[]).includes(row)
	// "… an observer has `comment` when the task force lets observers comment."
	if (column === 'observer')
		return cell === 'read' && activePhase && taskForce.state.observersMayComment ? 'comment' : cell
	// "A section with status `approved` takes comments only: `comment` for every member."
	if (status === 'approved' && activePhase) return 'comment'
	return cell
}

function sectionOf(owned: boolean, status: SectionStatus): SectionFacts {
	return { subcommitteeId: owned ? ENGAGEMENT : null, status }
}

function sectionLabel(owned: boolean, status: SectionStatus): string {
	return `${owned ? "Engagement's" : 'unowned'} ${status} section`
}

function whoLabel(who: Someone, owned: boolean): string {
	return owned ? who.asToOwnedSection : who.asToUnownedSection
}

type AccessCase = {
	name: string
	who: Someone
	taskForce: TaskForceCase
	section: SectionFacts
	expected: SectionAccess
}

/** Every person and data shape, every task-force state, every status, owned and unowned sections. */
const ACCESS_CASES: AccessCase[] = TASK_FORCES.flatMap((taskForce) =>
	[true, false].flatMap((owned) =>
		EVERYONE.flatMap((who) =>
			SECTION_STATUSES.map(
				(status): AccessCase => ({
					name: `${taskForce.label} · ${whoLabel(who, owned)} · ${sectionLabel(owned, status)}`,
					who,
					taskForce,
					section: sectionOf(owned, status),
					expected: expectedSectionAccess(who.standing, taskForce, status, owned),
				}),
			),
		),
	),
)

test(`sectionAccess: every cell of the edit matrix (${ACCESS_CASES.length} cases)`, () => {
	const wrong = mismatches(
		ACCESS_CASES,
		({ who, taskForce, section }) =>
			sectionAccess(who.person, who.membership, taskForce.state, section).access,
	)
	expect(wrong).toEqual([])
})

test(`canRestoreSectionVersion: exactly those who may write the text now (${ACCESS_CASES.length} cases)`, () => {
	const cases = ACCESS_CASES.map((entry) => ({ ...entry, expected: entry.expected === 'write' }))
	const wrong = mismatches(
		cases,
		({ who, taskForce, section }) =>
			canRestoreSectionVersion(who.person, who.membership, taskForce.state, section),
		may,
	)
	expect(wrong).toEqual([])
})

describe('sectionAccess, as sentences', () => {
	const observer = someone('observer')

	test('an observer reads every section in every state, even listed as its lead, and is told why', () => {
		for (const taskForce of TASK_FORCES.filter((entry) => !entry.state.observersMayComment)) {
			// A text nobody can change any more says so first; otherwise, being an observer is the reason.
			const reason = taskForce.state.status === 'active' ? 'observer' : taskForce.state.status
			for (const status of SECTION_STATUSES) {
				for (const owned of [true, false]) {
					expect(
						sectionAccess(observer.person, observer.membership, taskForce.state, sectionOf(owned, status)),
					).toEqual({ access: 'read', readOnlyReason: reason })
				}
			}
		}
	})

	test('an instance admin who is not a member of the task force gets nothing', () => {
		const admin = { id: 'user-admin', isAdmin: true }
		for (const taskForce of TASK_FORCES) {
			expect(sectionAccess(admin, null, taskForce.state, sectionOf(true, 'drafting'))).toEqual({
				access: 'none',
				readOnlyReason: null,
			})
		}
	})
})

/*
 * Moving a section between statuses: the design's table says who besides co-chairs may make each
 * move. Co-chairs may make every move; observers none; nobody in a published or archived task force.
 */

type Mover = 'writers' | 'owning lead' | 'co-chairs' | '—'

/** Who, besides co-chairs, may move a section from a status (row) to another (column). */
const WHO_MAY_MOVE = readDesignTable<SectionStatus, SectionStatus, Mover>(
	ROLES_AND_PHASES,
	'from \\ to',
	SECTION_STATUSES,
	SECTION_STATUSES,
	['writers', 'owning lead', 'co-chairs', '—'],
)

const PHASE_ROWS: readonly StateRow[] = PHASE_KINDS

function expectedMayMove(
	who: Someone,
	taskForce: TaskForceCase,
	from: SectionStatus,
	to: SectionStatus,
	owned: boolean,
): boolean {
	const column = COLUMN_OF[who.standing][owned ? 'owned' : 'unowned']
	if (column === 'not in the task force' || column === 'observer') return false
	// "Nobody moves anything in a published or archived task force."
	if (taskForce.state.status !== 'active') return false
	const mover = WHO_MAY_MOVE[from][to]
	if (mover === '—') return false
	if (column === 'co-chair') return true
	if (mover === 'writers') return expectedSectionAccess(who.standing, taskForce, from, owned) === 'write'
	// The owning lead "in any phase … It still needs an active phase."
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

const MOVE_CASES: MoveCase[] = TASK_FORCES.flatMap((taskForce) =>
	[true, false].flatMap((owned) =>
		EVERYONE.flatMap((who) =>
			SECTION_STATUSES.flatMap((from) =>
				SECTION_STATUSES.map(
					(to): MoveCase => ({
						name: `${taskForce.label} · ${whoLabel(who, owned)} · moving ${sectionLabel(owned, from)} to ${to}`,
						who,
						taskForce,
						section: sectionOf(owned, from),
						to,
						expected: expectedMayMove(who, taskForce, from, to, owned),
					}),
				),
			),
		),
	),
)

test(`canChangeSectionStatus: every move of the status table (${MOVE_CASES.length} cases)`, () => {
	const wrong = mismatches(
		MOVE_CASES,
		({ who, taskForce, section, to }) =>
			canChangeSectionStatus(who.person, who.membership, taskForce.state, section, to),
		may,
	)
	expect(wrong).toEqual([])
})
