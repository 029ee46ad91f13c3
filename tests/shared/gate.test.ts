import { describe, expect, test } from 'vitest'
import type { SectionStatus } from '#shared/domain.ts'
import {
	describeUnsettled,
	type GateMilestone,
	type GateSection,
	gateChecklist,
	nextStep,
	requiredSectionStatuses,
} from '#shared/gate.ts'
import { advanceSchema } from '#shared/validation/phases.ts'

const open: GateMilestone = {
	id: 'm-open',
	title: 'First drafts due',
	dueOn: '2026-12-19',
	completedAt: null,
	waivedReason: null,
}
const done: GateMilestone = { ...open, id: 'm-done', title: 'Outlines agreed', completedAt: 1 }
const waived: GateMilestone = {
	...open,
	id: 'm-waived',
	title: 'Peer exchange',
	waivedReason: 'Merged into the December meeting',
}

function sections(...statuses: SectionStatus[]) {
	return statuses.map((status, index) => ({
		id: `s${index}`,
		title: `Section ${index}`,
		status,
		documentId: 'doc',
		openThreads: 0,
		openSuggestions: 0,
	}))
}

describe('the gate checklist', () => {
	test('the phases lead to one another in order and publishing leads to publication', () => {
		expect(nextStep('research')).toBe('writing')
		expect(nextStep('writing')).toBe('editing')
		expect(nextStep('editing')).toBe('publishing')
		expect(nextStep('publishing')).toBe('published')
	})

	test('writing asks nothing of sections, editing wants them in review or later, publishing wants them approved', () => {
		expect(requiredSectionStatuses('writing')).toBeNull()
		expect(requiredSectionStatuses('editing')).toEqual(['in_review', 'approved'])
		expect(requiredSectionStatuses('publishing')).toEqual(['approved'])
		expect(requiredSectionStatuses('published')).toEqual(['approved'])
	})

	test('leaving research needs only its milestones: sections that are not started do not block it', () => {
		const gate = gateChecklist({ from: 'research', milestones: [done], sections: sections('not_started') })
		expect(gate.to).toBe('writing')
		expect(gate.met).toBe(true)
		expect(gate.items).toHaveLength(1)
	})

	test('an open milestone of the phase leaves the gate unmet and is listed as unmet', () => {
		const gate = gateChecklist({ from: 'research', milestones: [done, open], sections: [] })
		expect(gate.met).toBe(false)
		expect(gate.unmet).toEqual([
			expect.objectContaining({ kind: 'milestone', id: 'm-open', outcome: 'open' }),
		])
	})

	test('a waived milestone counts as met and keeps its reason', () => {
		const gate = gateChecklist({ from: 'research', milestones: [waived], sections: [] })
		expect(gate.met).toBe(true)
		expect(gate.items[0]).toMatchObject({
			met: true,
			outcome: 'waived',
			waivedReason: 'Merged into the December meeting',
		})
	})

	test('entering editing is met when every section is in review or approved and milestones are done', () => {
		const gate = gateChecklist({
			from: 'writing',
			milestones: [done, waived],
			sections: sections('in_review', 'approved'),
		})
		expect(gate.met).toBe(true)
	})

	test('entering editing is unmet while any section is still drafting or not started, and names each one', () => {
		const gate = gateChecklist({
			from: 'writing',
			milestones: [done],
			sections: sections('in_review', 'drafting', 'not_started'),
		})
		expect(gate.met).toBe(false)
		expect(gate.unmet.map((item) => item.id)).toEqual(['s1', 's2'])
		expect(gate.unmet[0]).toMatchObject({ kind: 'section', documentId: 'doc', status: 'drafting' })
	})

	test('entering publishing needs every section approved: one in review is enough to block it', () => {
		expect(
			gateChecklist({ from: 'editing', milestones: [], sections: sections('approved', 'approved') }).met,
		).toBe(true)
		const gate = gateChecklist({
			from: 'editing',
			milestones: [],
			sections: sections('approved', 'in_review'),
		})
		expect(gate.met).toBe(false)
		expect(gate.unmet).toHaveLength(1)
	})

	test('publication needs every section approved and every publishing milestone done or waived', () => {
		const met = gateChecklist({
			from: 'publishing',
			milestones: [done, waived],
			sections: sections('approved'),
		})
		expect(met).toMatchObject({ to: 'published', met: true })
		const unmet = gateChecklist({ from: 'publishing', milestones: [open], sections: sections('approved') })
		expect(unmet.met).toBe(false)
	})

	test('towards publication an approved section must also be settled: no open threads, no pending suggestions', () => {
		const [settled, threads, suggestions] = sections('approved', 'approved', 'approved')
		const unsettled = [settled, { ...threads, openThreads: 2 }, { ...suggestions, openSuggestions: 1 }]
		for (const from of ['editing', 'publishing'] as const) {
			const gate = gateChecklist({ from, milestones: [], sections: unsettled as GateSection[] })
			expect(gate.unmet.map((item) => item.id)).toEqual(['s1', 's2'])
		}
		// Entering editing asks only for review: open comments are what editing is for.
		const editing = gateChecklist({
			from: 'writing',
			milestones: [],
			sections: unsettled.map((section) => ({ ...section, status: 'in_review' })) as GateSection[],
		})
		expect(editing.met).toBe(true)
		expect(describeUnsettled(2, 1)).toBe('2 open comment threads and 1 pending suggestion')
		expect(describeUnsettled(1, 0)).toBe('1 open comment thread')
		expect(describeUnsettled(0, 0)).toBeNull()
	})

	test('a phase with no milestones and no section requirement has an empty, met gate', () => {
		const gate = gateChecklist({ from: 'research', milestones: [], sections: sections('drafting') })
		expect(gate).toMatchObject({ met: true, items: [], unmet: [] })
	})
})

describe('the override path', () => {
	const form = (fields: Record<string, string>) => ({ intent: 'advance', from: 'writing', ...fields })

	test('a met gate advances without a reason', () => {
		expect(advanceSchema({ gateMet: true, publishing: false }).safeParse(form({})).success).toBe(true)
	})

	test('an unmet gate needs a written reason of at least ten characters', () => {
		const schema = advanceSchema({ gateMet: false, publishing: false })
		expect(schema.safeParse(form({})).success).toBe(false)
		expect(schema.safeParse(form({ reason: 'too short' })).success).toBe(false)
		expect(schema.safeParse(form({ reason: '          ' })).success).toBe(false)
		expect(schema.safeParse(form({ reason: 'Drafts are close; the board meets next week.' })).success).toBe(
			true,
		)
	})

	test('publishing needs the read-only confirmation ticked', () => {
		const schema = advanceSchema({ gateMet: true, publishing: true })
		expect(schema.safeParse(form({ from: 'publishing' })).success).toBe(false)
		expect(schema.safeParse(form({ from: 'publishing', confirmPublish: 'on' })).success).toBe(true)
	})
})
