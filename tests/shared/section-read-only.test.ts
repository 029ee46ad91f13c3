import { expect, test } from 'vitest'
import { describeReadOnly } from '#shared/section-read-only.ts'

test.each([
	['published', 'Published — this text no longer changes', false],
	['archived', 'Archived — this text no longer changes', false],
	['observer', 'Read only: observers read but do not edit', true],
	['approved', 'Read only: the section is approved; only co-chairs edit it', true],
	['other_subcommittee', 'Read only: another subcommittee writes this section', true],
	['phase:editing', 'Read only: in the editing phase your role reads this section', true],
	['phase:nonsense', 'Read only: your role reads this section', true],
	['toString', 'Read only: your role reads this section', true],
	[null, 'Read only: your role reads this section', true],
])('read-only because %s: “%s”, live %s', (reason, text, live) => {
	expect(describeReadOnly(reason)).toEqual({ text, live })
})
