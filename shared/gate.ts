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

export type GateSection = { id: string; title: string; status: SectionStatus; documentId: string }

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
 * section at a status the next step needs. A waived milestone counts as met — the waiver (with its
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
				met: sectionsNeed.includes(section.status),
			}))
		: []
	const items = [...milestoneItems, ...sectionItems]
	const unmet = items.filter((item) => !item.met)
	return { from: input.from, to, sectionsNeed, items, unmet, met: unmet.length === 0 }
}

/** The shortest useful override reason: long enough that "ok" or "yes" cannot pass for one. */
export const OVERRIDE_REASON_MIN = 10
