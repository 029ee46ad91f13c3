import { PHASE_KINDS, type PhaseKind } from './domain.ts'

/**
 * Why a person may not change a section's text (they read it, or read and comment on it). The
 * server decides it (`decideSectionAccess`) and sends it as this code, on the page and over the socket; every place that words it uses
 * `describeReadOnly`, so the status line never says more than is true.
 */
export type ReadOnlyReason =
	| 'observer'
	| 'published'
	| 'archived'
	| 'approved'
	| 'other_subcommittee'
	| `phase:${PhaseKind}`

export type ReadOnlyWords = {
	/** The status line: what the person can do and why. */
	text: string
	/** Whether someone else may still change the text, so the page shows their changes live. */
	live: boolean
}

const FIXED: Record<Exclude<ReadOnlyReason, `phase:${PhaseKind}`>, ReadOnlyWords> = {
	observer: { text: 'Read only: observers read but do not edit', live: true },
	published: { text: 'Published — this text no longer changes', live: false },
	archived: { text: 'Archived — this text no longer changes', live: false },
	approved: {
		text: 'Comments only: the section is approved; a co-chair reopens it to change the text',
		live: true,
	},
	other_subcommittee: { text: 'Comments only: another subcommittee writes this section', live: true },
}

function isFixed(reason: string): reason is keyof typeof FIXED {
	return Object.hasOwn(FIXED, reason)
}

/** The words for a read-only editor; an unknown or missing reason gets the plain, true default. */
export function describeReadOnly(reason: string | null): ReadOnlyWords {
	if (reason && isFixed(reason)) return FIXED[reason]
	const phase = PHASE_KINDS.find((kind) => reason === `phase:${kind}`)
	if (phase)
		return { text: `Comments only: in the ${phase} phase your role comments on this section`, live: true }
	return { text: 'Read only: your role reads this section', live: true }
}
