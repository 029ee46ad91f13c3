import { describe, expect, test } from 'vitest'
import { canManageOutline, canMoveAnySectionStatus } from '#server/policies/outline.server.ts'
import type { Membership, TaskForceState } from '#server/policies/types.ts'
import type { Role } from '#shared/domain.ts'

const member = (role: Role): Membership => ({ role, subcommitteeIds: [], leadsSubcommitteeIds: [] })
const active: TaskForceState = { status: 'active', activePhase: 'writing', observersMayComment: false }
const published: TaskForceState = { status: 'published', activePhase: null, observersMayComment: false }

describe('who shapes the outline', () => {
	test.each([
		['a co-chair of an active task force', true, member('co_chair'), active],
		['a co-chair of a published task force', false, member('co_chair'), published],
		['a member', false, member('member'), active],
		['an observer', false, member('observer'), active],
		['someone outside the task force', false, null, active],
	])('%s: %s', (_who, expected, membership, state) => {
		expect(canManageOutline(membership, state)).toBe(expected)
	})
})

describe('who could move a section’s status at all', () => {
	test.each([
		['a co-chair', true, member('co_chair'), active],
		['a member', true, member('member'), active],
		['an observer', false, member('observer'), active],
		['a co-chair once published', false, member('co_chair'), published],
		['someone outside the task force', false, null, active],
	])('%s: %s', (_who, expected, membership, state) => {
		expect(canMoveAnySectionStatus(membership, state)).toBe(expected)
	})
})
