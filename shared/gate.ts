import { PHASE_KINDS, type PhaseKind, type SectionStatus } from './domain.ts'

/**
 * The gate between two phases: a checklist computed from live data, never stored. Each item is
 * met or not; an unmet gate can still be passed by a co-chair who writes down why.
 */

/** Where advancing from a phase leads: the next phase, or publication after the last one. */
export type GateTarget = PhaseKind | 'published'

/** The phase after `kind`, or 'published' after publishing. */
export function nextStep(kind: PhaseKind): GateTarget {
	return PHASE_KINDS[PHASE_KINDS.indexOf(kind) + 1] ?? 'published'
}

/**
 * Section statuses good enough to enter `target`, or null when the target asks nothing of sections.
 * Editing starts from drafts someone has sent to review; publishing and publication need every
 * section approved, because after approval only co-chairs touch the text.
 */
export function requiredSectionStatuses(target: GateTarget): readonly SectionStatus[] | null {
	switch (target) {
		case 'research':
		case 'writing':
			return null
		case 'editing':
			return ['in_review', 'approved']
		case 'publishing':
		case 'published':
			return ['approved']
	}
}

export type GateMilestone = {
	id: string
	title: string
	dueOn: string
	completedAt: number | null
	waivedReason: string | null
}

export type GateSection = {
	id: string
	title: string
	status: SectionStatus
	documentId: string
	openThreads: number
	openSuggestions: number
}

export type GateItem =
	| {
			kind: 'milestone'
			id: string
			title: string
			dueOn: string
			met: boolean
			/** How a met milestone was met; a waiver keeps its reason in view. */
			outcome: 'done' | 'waived' | 'open'
			waivedReason: string | null
	  }
	| {
			kind: 'section'
			id: string
			title: string
			documentId: string
			status: SectionStatus
			/** Open comment threads and pending suggestions: publishing needs none. */
			openThreads: number
			openSuggestions: number
			met: boolean
	  }

export type Gate = {
	from: PhaseKind
	to: GateTarget
	/** Section statuses the target needs, or null when it needs none. */
	sectionsNeed: readonly SectionStatus[] | null
	items: GateItem[]
	unmet: GateItem[]
	met: boolean
}

/**
 * The checklist for leaving phase `from`: every milestone of that phase done or waived, and every
 * section at a status the next step needs — and, towards publication, with no open comment thread
 * and no pending suggestion. A waived milestone counts as met — the waiver (with its
 * reason) is the co-chairs' decision that it no longer blocks the work.
 */
export function gateChecklist(input: {
	from: PhaseKind
	milestones: readonly GateMilestone[]
	sections: readonly GateSection[]
}): Gate {
	const to = nextStep(input.from)
	const sectionsNeed = requiredSectionStatuses(to)
	const milestoneItems: GateItem[] = input.milestones.map((milestone) => {
		const outcome =
			milestone.completedAt !== null ? 'done' : milestone.waivedReason ? 'waived' : ('open' as const)
		return {
			kind: 'milestone',
			id: milestone.id,
			title: milestone.title,
			dueOn: milestone.dueOn,
			met: outcome !== 'open',
			outcome,
			waivedReason: milestone.waivedReason,
		}
	})
	const sectionItems: GateItem[] = sectionsNeed
		? input.sections.map((section) => ({
				kind: 'section',
				id: section.id,
				title: section.title,
				documentId: section.documentId,
				status: section.status,
				openThreads: section.openThreads,
				openSuggestions: section.openSuggestions,
				met:
					sectionsNeed.includes(section.status) &&
					(!settledNeeded(to) || section.openThreads + section.openSuggestions === 0),
			}))
		: []
	const items = [...milestoneItems, ...sectionItems]
	const unmet = items.filter((item) => !item.met)
	return { from: input.from, to, sectionsNeed, items, unmet, met: unmet.length === 0 }
}

/** Whether entering `target` needs every section settled: no open threads, no pending suggestions. */
export function settledNeeded(target: GateTarget): boolean {
	return target === 'publishing' || target === 'published'
}

/** The shortest useful override reason: long enough that "ok" or "yes" cannot pass for one. */
export const OVERRIDE_REASON_MIN = 10

/**
 * A section's open comment threads and pending suggestions in words ("2 open comment threads and
 * 1 pending suggestion"), or null when there are none: what approving it asks a reason for.
 */
export function describeUnsettled(threads: number, suggestions: number): string | null {
	const parts = [
		threads > 0 ? `${threads} open comment thread${threads === 1 ? '' : 's'}` : null,
		suggestions > 0 ? `${suggestions} pending suggestion${suggestions === 1 ? '' : 's'}` : null,
	].filter((part): part is string => part !== null)
	return parts.length === 0 ? null : parts.join(' and ')
}
