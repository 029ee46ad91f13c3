import { z } from 'zod'
import { daysBetween, formatDate, isIsoDate } from '../dates.ts'
import { PHASE_KINDS, type PhaseKind, type PhaseStatus } from '../domain.ts'
import { OVERRIDE_REASON_MIN } from '../gate.ts'
import { PHASE_LABELS } from '../labels.ts'
import { dateSchema } from './dates.ts'

/** Form field names of each phase's bounds: `researchStartsOn`, `researchEndsOn`, … */
export const PHASE_DATE_FIELDS = {
	research: { start: 'researchStartsOn', end: 'researchEndsOn' },
	writing: { start: 'writingStartsOn', end: 'writingEndsOn' },
	editing: { start: 'editingStartsOn', end: 'editingEndsOn' },
	publishing: { start: 'publishingStartsOn', end: 'publishingEndsOn' },
} as const satisfies Record<PhaseKind, { start: string; end: string }>

/** A run-up longer than this is almost certainly a mistyped year. */
const LONGEST_RUN_UP_DAYS = 3 * 366

/** What the dates are checked against: today, what is saved now, and the milestones that must stay inside. */
export type PhaseDatesContext = {
	today: string
	publicationDate: string
	phases: ReadonlyArray<{ kind: PhaseKind; status: PhaseStatus; startsOn: string; endsOn: string }>
	/** The earliest and latest milestones: the run may not shrink past them. */
	firstMilestone: { title: string; dueOn: string } | null
	lastMilestone: { title: string; dueOn: string } | null
}

/** The submitted values, one start and end per phase plus the publication date. */
export type PhaseDates = {
	publicationDate: string
	bounds: Record<PhaseKind, { startsOn: string; endsOn: string }>
}

/**
 * Phase dates and the publication date. Phases run in order without overlapping (a gap is fine),
 * each starts on or before it ends, and all end by the publication date. Past dates are fine where
 * they are history — a complete phase, the current phase's start — but a date someone *changes* may
 * not put planned work in the past. Errors land on the field to change.
 */
export function phaseDatesSchema(context: PhaseDatesContext) {
	const saved = new Map(context.phases.map((phase) => [phase.kind, phase]))
	return z
		.object({
			intent: z.literal('dates'),
			publicationDate: dateSchema('Enter the publication date.'),
			researchStartsOn: dateSchema('Enter the date Research starts.'),
			researchEndsOn: dateSchema('Enter the date Research ends.'),
			writingStartsOn: dateSchema('Enter the date Writing starts.'),
			writingEndsOn: dateSchema('Enter the date Writing ends.'),
			editingStartsOn: dateSchema('Enter the date Editing starts.'),
			editingEndsOn: dateSchema('Enter the date Editing ends.'),
			publishingStartsOn: dateSchema('Enter the date Publishing starts.'),
			publishingEndsOn: dateSchema('Enter the date Publishing ends.'),
		})
		.superRefine((value, ctx) => {
			const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
			const valid = (date: string) => isIsoDate(date)
			const publication = value.publicationDate
			if (valid(publication) && publication !== context.publicationDate && publication < context.today) {
				issue('publicationDate', 'The publication date cannot be in the past.')
			}
			let previous: { kind: PhaseKind; endsOn: string } | null = null
			for (const kind of PHASE_KINDS) {
				const names = PHASE_DATE_FIELDS[kind]
				const startsOn = value[names.start]
				const endsOn = value[names.end]
				const before = saved.get(kind)
				const label = PHASE_LABELS[kind]
				if (valid(startsOn) && valid(endsOn) && endsOn < startsOn) {
					issue(names.end, `${label} would end before it starts (${formatDate(startsOn)}).`)
				}
				if (previous && valid(startsOn) && valid(previous.endsOn) && startsOn <= previous.endsOn) {
					issue(
						names.start,
						`${label} must start after ${PHASE_LABELS[previous.kind]} ends (${formatDate(previous.endsOn)}); phases may not overlap.`,
					)
				}
				if (valid(endsOn) && valid(publication) && endsOn > publication) {
					issue(names.end, `${label} would end after the publication date (${formatDate(publication)}).`)
				}
				if (before && before.status !== 'complete') {
					if (before.status === 'upcoming' && valid(startsOn) && startsOn !== before.startsOn) {
						if (startsOn < context.today)
							issue(names.start, `${label} has not started; it cannot start in the past.`)
					}
					if (valid(endsOn) && endsOn !== before.endsOn && endsOn < context.today) {
						issue(names.end, `${label} is not complete; it cannot end in the past.`)
					}
				}
				previous = { kind, endsOn }
			}
			const start = value[PHASE_DATE_FIELDS.research.start]
			const startChanged = start !== saved.get('research')?.startsOn
			if (valid(start) && valid(publication) && (startChanged || publication !== context.publicationDate)) {
				if (daysBetween(start, publication) > LONGEST_RUN_UP_DAYS) {
					issue(
						PHASE_DATE_FIELDS.research.start,
						'Starts more than three years before publication; check the year.',
					)
				}
			}
			const first = context.firstMilestone
			if (first && valid(start) && start > first.dueOn) {
				issue(
					PHASE_DATE_FIELDS.research.start,
					`The milestone “${first.title}” is due ${formatDate(first.dueOn)}, before this date; move it first.`,
				)
			}
			const last = context.lastMilestone
			if (last && valid(publication) && publication < last.dueOn) {
				issue(
					'publicationDate',
					`The milestone “${last.title}” is due ${formatDate(last.dueOn)}, after this date; move it first.`,
				)
			}
		})
}

/** The form's fields as submitted: `intent`, `publicationDate` and a start and end per phase. */
export type PhaseDatesInput = z.input<ReturnType<typeof phaseDatesSchema>>

/** The parsed form as the server stores it. */
export function toPhaseDates(value: z.infer<ReturnType<typeof phaseDatesSchema>>): PhaseDates {
	const bounds = Object.fromEntries(
		PHASE_KINDS.map((kind) => [
			kind,
			{ startsOn: value[PHASE_DATE_FIELDS[kind].start], endsOn: value[PHASE_DATE_FIELDS[kind].end] },
		]),
	) as PhaseDates['bounds']
	return { publicationDate: value.publicationDate, bounds }
}

export const OVERRIDE_REASON_MAX = 1000

/**
 * Advancing the phase. `from` is the phase the co-chair saw, so a second click (or a colleague
 * advancing first) cannot skip a phase. The reason is required when the gate is unmet; leaving
 * publishing also needs an explicit confirmation, because the text becomes read-only.
 */
export function advanceSchema(options: { gateMet: boolean; publishing: boolean }) {
	return z.object({
		intent: z.literal('advance'),
		from: z.enum(PHASE_KINDS, { error: 'Reload the page: the current phase is missing.' }),
		reason: options.gateMet
			? z
					.string()
					.trim()
					.max(OVERRIDE_REASON_MAX, `Use at most ${OVERRIDE_REASON_MAX} characters.`)
					.optional()
			: z
					.string({ error: 'The gate is not met: write why the task force should move on anyway.' })
					.trim()
					.min(
						OVERRIDE_REASON_MIN,
						`Write at least ${OVERRIDE_REASON_MIN} characters, so the record explains the decision.`,
					)
					.max(OVERRIDE_REASON_MAX, `Use at most ${OVERRIDE_REASON_MAX} characters.`),
		confirmPublish: options.publishing
			? z.literal('on', { error: 'Confirm that the text becomes read-only for everyone.' })
			: z.string().optional(),
	})
}
