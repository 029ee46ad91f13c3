import type { Membership, Person, TaskForceState } from '#server/policies/types.ts'
import { PHASE_KINDS, type PhaseKind } from '#shared/domain.ts'

/**
 * The people and task-force states the policy tables run over. Every decision is a pure function
 * of these plain facts, so the tables build them directly instead of seeding a database.
 */

/** The subcommittee that owns the sections in the tables ("the owning subcommittee"). */
export const ENGAGEMENT = 'subcommittee-engagement'
/** Another subcommittee of the same task force. */
export const PRIVACY = 'subcommittee-privacy'

/**
 * Where someone stands, named after the columns of the edit matrix in
 * docs/design/roles-and-phases.md where one fits.
 */
export type Standing =
	| 'co-chair'
	| 'owning lead'
	| 'owning member'
	| 'other member'
	| 'other lead'
	| 'observer'
	| 'non-member'
	| 'owning lead, not listed as a member'
	| 'co-chair who is an owning member'

export type Someone = {
	standing: Standing
	/** For sentences: "the Engagement lead may …". */
	name: string
	/** For the section matrix, where Engagement owns the section: "owning lead". */
	asToOwnedSection: string
	/** For the section matrix, where no subcommittee owns the section. */
	asToUnownedSection: string
	person: Person
	membership: Membership | null
}

function member(
	role: Membership['role'],
	subcommitteeIds: readonly string[],
	leadsSubcommitteeIds: readonly string[],
): Membership {
	return { role, subcommitteeIds, leadsSubcommitteeIds }
}

/** The seven people of issue 3's table. */
const PEOPLE: readonly Someone[] = [
	{
		standing: 'co-chair',
		name: 'a co-chair',
		asToOwnedSection: 'co-chair',
		asToUnownedSection: 'co-chair',
		person: { id: 'user-co-chair', isAdmin: false },
		membership: member('co_chair', [], []),
	},
	{
		standing: 'owning lead',
		name: 'the Engagement lead',
		asToOwnedSection: 'owning lead',
		asToUnownedSection: 'Engagement lead',
		person: { id: 'user-engagement-lead', isAdmin: false },
		membership: member('member', [ENGAGEMENT], [ENGAGEMENT]),
	},
	{
		standing: 'owning member',
		name: 'an Engagement member',
		asToOwnedSection: 'owning member',
		asToUnownedSection: 'Engagement member',
		person: { id: 'user-engagement-member', isAdmin: false },
		membership: member('member', [ENGAGEMENT], []),
	},
	{
		standing: 'other member',
		name: 'a Privacy member',
		asToOwnedSection: 'other member',
		asToUnownedSection: 'Privacy member',
		person: { id: 'user-privacy-member', isAdmin: false },
		membership: member('member', [PRIVACY], []),
	},
	{
		standing: 'other lead',
		name: 'the Privacy lead',
		asToOwnedSection: 'other lead',
		asToUnownedSection: 'Privacy lead',
		person: { id: 'user-privacy-lead', isAdmin: false },
		membership: member('member', [PRIVACY], [PRIVACY]),
	},
	{
		// Observers read only "whatever the data says": this one is listed as Engagement's member
		// and lead, which the data model allows even though the app should never write it.
		standing: 'observer',
		name: 'an observer listed as Engagement lead',
		asToOwnedSection: 'observer listed as owning lead',
		asToUnownedSection: 'observer listed as Engagement lead',
		person: { id: 'user-observer', isAdmin: false },
		membership: member('observer', [ENGAGEMENT], [ENGAGEMENT]),
	},
	{
		standing: 'non-member',
		name: 'a non-member',
		asToOwnedSection: 'non-member',
		asToUnownedSection: 'non-member',
		person: { id: 'user-outsider', isAdmin: false },
		membership: null,
	},
]

/** Data shapes the seven leave out: a lead with no `subcommittee_members` row, a co-chair in a subcommittee. */
const MORE_PEOPLE: readonly Someone[] = [
	{
		standing: 'owning lead, not listed as a member',
		name: 'the Engagement lead not listed among its members',
		asToOwnedSection: 'owning lead not listed as a member',
		asToUnownedSection: 'Engagement lead not listed as a member',
		person: { id: 'user-engagement-lead-only', isAdmin: false },
		membership: member('member', [], [ENGAGEMENT]),
	},
	{
		standing: 'co-chair who is an owning member',
		name: 'a co-chair who is an Engagement member',
		asToOwnedSection: 'co-chair who is an owning member',
		asToUnownedSection: 'co-chair who is an Engagement member',
		person: { id: 'user-co-chair-in-engagement', isAdmin: false },
		membership: member('co_chair', [ENGAGEMENT], []),
	},
]

export const EVERYONE: readonly Someone[] = [...PEOPLE, ...MORE_PEOPLE]

/**
 * Every case whose decision differs from the one expected, as one readable line each
 * ("writing · owning member · drafting: expected write, got read"). A table is checked as one test
 * that reports every wrong cell at once: `expect(mismatches(cases, decide)).toEqual([])`.
 */
export function mismatches<Case extends { name: string; expected: Expected }, Expected>(
	cases: readonly Case[],
	decide: (entry: Case) => Expected,
	show: (value: Expected) => string = String,
): string[] {
	if (cases.length === 0) throw new Error('A table with no cells checks nothing')
	return cases.flatMap((entry) => {
		const actual = decide(entry)
		return Object.is(actual, entry.expected)
			? []
			: [`${entry.name}: expected ${show(entry.expected)}, got ${show(actual)}`]
	})
}

/** "may" or "may not", for tables of yes/no decisions. */
export function may(allowed: boolean): string {
	return allowed ? 'may' : 'may not'
}

/** The one person with this standing. */
export function someone(standing: Standing): Someone {
	const found = EVERYONE.find((candidate) => candidate.standing === standing)
	if (!found) throw new Error(`No fixture for ${standing}`)
	return found
}

/** The row of a task-force state in the expectation tables. */
export type StateRow = PhaseKind | 'no active phase' | 'published' | 'archived'

export type TaskForceCase = {
	row: StateRow
	/** For the section matrix: "writing". */
	label: string
	/** For sentences: "in writing", "in a published task force". */
	during: string
	state: TaskForceState
}

function article(status: 'published' | 'archived'): string {
	return status === 'archived' ? 'an archived' : 'a published'
}

/**
 * Every task-force state: active in each phase, with observers' comments off and on; active with no active phase (broken data:
 * docs/design/roles-and-phases.md says exactly one phase is active until publication); published and
 * archived, both cleanly and with a phase still marked active, which must not reopen anything.
 */
export const TASK_FORCES: readonly TaskForceCase[] = [
	...PHASE_KINDS.map(
		(phase): TaskForceCase => ({
			row: phase,
			label: phase,
			during: `in ${phase}`,
			state: { status: 'active', activePhase: phase, observersMayComment: false },
		}),
	),
	...PHASE_KINDS.map(
		(phase): TaskForceCase => ({
			row: phase,
			label: `${phase}, observers may comment`,
			during: `in ${phase} where observers may comment`,
			state: { status: 'active', activePhase: phase, observersMayComment: true },
		}),
	),
	{
		row: 'no active phase',
		label: 'no active phase',
		during: 'in an active task force without an active phase',
		state: { status: 'active', activePhase: null, observersMayComment: false },
	},
	...(['published', 'archived'] as const).flatMap((status): TaskForceCase[] => [
		{
			row: status,
			label: status,
			during: `in ${article(status)} task force`,
			state: { status, activePhase: null, observersMayComment: false },
		},
		...PHASE_KINDS.map(
			(phase): TaskForceCase => ({
				row: status,
				label: `${status}, ${phase} left active`,
				during: `in ${article(status)} task force with ${phase} still marked active`,
				state: { status, activePhase: phase, observersMayComment: false },
			}),
		),
	]),
]
