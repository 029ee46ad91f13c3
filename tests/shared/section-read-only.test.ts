import { expect, test } from 'vitest'
import { describeReadOnly } from '#shared/section-read-only.ts'

test.each([
	['published', 'Published — this text no longer changes', false],
	['archived', 'Archived — this text no longer changes', false],
	['observer', 'Read only: observers read but do not edit', true],
	['approved', 'Comments only: the section is approved; a co-chair reopens it to change the text', true],
	['other_subcommittee', 'Comments only: another subcommittee writes this section', true],
	['phase:publishing', 'Comments only: in the publishing phase your role comments on this section', true],
	['phase:nonsense', 'Read only: your role reads this section', true],
	['toString', 'Read only: your role reads this section', true],
	[null, 'Read only: your role reads this section', true],
])('read-only because %s: “%s”, live %s', (reason, text, live) => {
	expect(describeReadOnly(reason)).toEqual({ text, live })
})
