import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionReply, respond } from '#app/forms/action-reply.ts'
import type { AccessChanges, Services } from '#server/context.server.ts'
import {
	completeMilestone,
	createMilestone,
	deleteMilestone,
	type MilestoneActor,
	type MilestoneOutcome,
	reopenMilestone,
	updateMilestone,
	waiveMilestone,
} from '#server/milestones/milestones.server.ts'
import { advancePhase } from '#server/phases/advance.server.ts'
import { updatePhaseDates } from '#server/phases/phase-dates.server.ts'
import {
	getCurrentGate,
	listScheduleMilestones,
	listSchedulePhases,
	milestoneContext,
	phaseDatesContext,
} from '#server/phases/schedule.server.ts'
import type { TaskForceRequest } from '#server/task-forces/access.server.ts'
import { formatDate, todayIn } from '#shared/dates.ts'
import type { PhaseKind } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import {
	createMilestoneSchema,
	updateMilestoneSchema,
	WaiveMilestoneSchema,
} from '#shared/validation/milestones.ts'
import { advanceSchema, phaseDatesSchema, toPhaseDates } from '#shared/validation/phases.ts'

/** What the phases page shows after a change: which card answers, which form, and the words. */
/** The card of the phases page that answers (the reply's `about`). */
type Area = 'dates' | 'advance' | 'milestones'

type ScheduleAnswer = { status: 200 | 400; reply: Omit<ActionReply, 'intent'> }

function ok(
	area: Area,
	formId: string | null,
	notice: string,
	result?: SubmissionResult<string[]>,
): ScheduleAnswer {
	return { status: 200, reply: { about: area, formId, result, notice, error: null } }
}

function invalid(
	area: Area,
	formId: string | null,
	result?: SubmissionResult<string[]>,
	error: string | null = null,
): ScheduleAnswer {
	return { status: 400, reply: { about: area, formId, result, notice: null, error } }
}

/** "Writing", "Writing and Editing", "Research, Writing and Editing". */
function listPhases(kinds: PhaseKind[]): string {
	const names = kinds.map((kind) => PHASE_LABELS[kind])
	return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function simpleMilestoneOutcome(outcome: MilestoneOutcome, notice: (title: string) => string) {
	return outcome.ok
		? ok('milestones', null, notice(outcome.title))
		: invalid('milestones', null, undefined, outcome.message)
}

/**
 * One submission of the phases page, by intent: validated by the same schemas as the forms, against
 * the rows as they are now, then handed to the schedule operations (which check the policy again).
 * Expected failures come back as 400 with errors next to their fields; unknown milestones throw 404.
 */
export function handleScheduleAction(
	db: Services['db'],
	access: TaskForceRequest,
	formData: FormData,
	now: Date,
	live: AccessChanges,
) {
	const intent = String(formData.get('intent') ?? '')
	const { status, reply } = answer(db, access, intent, formData, now, live)
	return respond({ ...reply, intent }, status)
}

function answer(
	db: Services['db'],
	{ viewer, taskForce }: TaskForceRequest,
	intent: string,
	formData: FormData,
	now: Date,
	live: AccessChanges,
): ScheduleAnswer {
	const at = now.getTime()
	const actor = { id: viewer.id, isAdmin: viewer.isAdmin }
	const milestoneActor: MilestoneActor = { ...actor, taskForceId: taskForce.id }
	const milestoneId = String(formData.get('milestoneId') ?? '')
	const phaseRows = listSchedulePhases(db, taskForce.id)

	switch (intent) {
		case 'dates': {
			const context = phaseDatesContext(
				taskForce,
				phaseRows,
				listScheduleMilestones(db, taskForce.id),
				todayIn(taskForce.timeZone, now),
			)
			const submission = parseWithZod(formData, { schema: phaseDatesSchema(context) })
			if (submission.status !== 'success') return invalid('dates', 'dates', submission.reply())
			const change = updatePhaseDates(db, {
				taskForce,
				actor,
				dates: toPhaseDates(submission.value),
				now: at,
			})
			const parts = [
				...(change.phases.length > 0 ? [`${listPhases(change.phases)} dates`] : []),
				...(change.publicationDate
					? [`publication date (${formatDate(submission.value.publicationDate)})`]
					: []),
			]
			return ok(
				'dates',
				'dates',
				parts.length > 0 ? `Saved the ${parts.join(' and the ')}.` : 'Nothing changed.',
				submission.reply(),
			)
		}
		case 'advance': {
			const gate = getCurrentGate(db, taskForce.id)
			if (!gate)
				return invalid(
					'advance',
					'advance',
					undefined,
					'No phase is current, so there is nothing to advance.',
				)
			const schema = advanceSchema({ gateMet: gate.met, publishing: gate.to === 'published' })
			const submission = parseWithZod(formData, { schema })
			if (submission.status !== 'success') return invalid('advance', 'advance', submission.reply())
			const outcome = advancePhase(
				db,
				{
					taskForceId: taskForce.id,
					actor,
					from: submission.value.from,
					reason: submission.value.reason,
					confirmPublish: submission.value.confirmPublish === 'on',
					now: at,
				},
				live,
			)
			if (!outcome.ok) {
				return invalid(
					'advance',
					'advance',
					submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }),
				)
			}
			const overridden = outcome.override
				? ' The gate was overridden; your reason is in the activity log.'
				: ''
			if (outcome.to === 'published') {
				return ok(
					'advance',
					null,
					`The task force is published. Its text is now read-only for everyone.${overridden}`,
				)
			}
			const next = phaseRows.find((phase) => phase.kind === outcome.to)
			const planned = next
				? ` Its planned dates are ${formatDate(next.startsOn)} – ${formatDate(next.endsOn)}; change them below if the plan moved.`
				: ''
			return ok(
				'advance',
				null,
				`${PHASE_LABELS[outcome.to]} is now the current phase.${planned}${overridden}`,
			)
		}
		case 'milestone-create': {
			const submission = parseWithZod(formData, {
				schema: createMilestoneSchema(milestoneContext(taskForce, phaseRows)),
			})
			if (submission.status !== 'success') return invalid('milestones', intent, submission.reply())
			createMilestone(db, milestoneActor, submission.value, at)
			const phase = phaseRows.find((row) => row.id === submission.value.phaseId)
			return ok(
				'milestones',
				intent,
				`Added “${submission.value.title}”${phase ? ` to ${PHASE_LABELS[phase.kind]}` : ''}.`,
				submission.reply({ resetForm: true }),
			)
		}
		case 'milestone-update': {
			const formId = `milestone-update-${milestoneId}`
			const submission = parseWithZod(formData, {
				schema: updateMilestoneSchema(milestoneContext(taskForce, phaseRows)),
			})
			if (submission.status !== 'success') return invalid('milestones', formId, submission.reply())
			const outcome = updateMilestone(db, milestoneActor, submission.value, at)
			if (!outcome.ok)
				return invalid('milestones', formId, submission.reply({ formErrors: [outcome.message] }))
			return ok(
				'milestones',
				formId,
				outcome.changed ? `Saved “${outcome.title}”.` : `Nothing changed on “${outcome.title}”.`,
				submission.reply(),
			)
		}
		case 'milestone-waive': {
			const formId = `milestone-waive-${milestoneId}`
			const submission = parseWithZod(formData, { schema: WaiveMilestoneSchema })
			if (submission.status !== 'success') return invalid('milestones', formId, submission.reply())
			const outcome = waiveMilestone(
				db,
				milestoneActor,
				submission.value.milestoneId,
				submission.value.reason,
				at,
			)
			if (!outcome.ok)
				return invalid('milestones', formId, submission.reply({ formErrors: [outcome.message] }))
			return ok(
				'milestones',
				formId,
				`“${outcome.title}” is waived; it counts as met at the gate.`,
				submission.reply({ resetForm: true }),
			)
		}
		case 'milestone-complete':
			return simpleMilestoneOutcome(
				completeMilestone(db, milestoneActor, milestoneId, at),
				(title) => `“${title}” is done.`,
			)
		case 'milestone-reopen':
			return simpleMilestoneOutcome(
				reopenMilestone(db, milestoneActor, milestoneId, at),
				(title) => `“${title}” is open again.`,
			)
		case 'milestone-delete':
			return simpleMilestoneOutcome(
				deleteMilestone(db, milestoneActor, milestoneId, at),
				(title) => `“${title}” was deleted.`,
			)
		default:
			throw new Response('Unknown action', { status: 400 })
	}
}
