import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import type { PhaseKind } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import {
	createMilestoneSchema,
	type MilestoneContext,
	updateMilestoneSchema,
	WaiveMilestoneSchema,
} from '#shared/validation/milestones.ts'
import { Field, FormError, SelectField } from './forms.tsx'

type Result = SubmissionResult<string[]> | undefined

function runHint(context: MilestoneContext) {
	return `Between ${formatDate(context.runStartsOn)} and the publication date, ${formatDate(context.runEndsOn)}.`
}

/** Adds a milestone to a phase (the current one unless chosen otherwise). */
export function MilestoneCreateForm({
	phases,
	defaultPhaseId,
	context,
	lastResult,
	busy,
}: {
	phases: Array<{ id: string; kind: PhaseKind }>
	defaultPhaseId: string | undefined
	context: MilestoneContext
	lastResult: Result
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: 'milestone-create',
		lastResult,
		defaultValue: { phaseId: defaultPhaseId ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: createMilestoneSchema(context) }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="milestone-create" />
			<FormError id={form.errorId} errors={form.errors} />
			<Field
				meta={fields.title}
				label="Title"
				hint="What will be true when it is done, in up to 200 characters."
			/>
			<div className="field-row">
				<SelectField
					meta={fields.phaseId}
					label="Phase"
					options={phases.map((phase) => ({ value: phase.id, label: PHASE_LABELS[phase.kind] }))}
				/>
				<Field meta={fields.dueOn} label="Due date" type="date" hint={runHint(context)} />
			</div>
			<div>
				<button type="submit" className="button" disabled={busy}>
					Add milestone
				</button>
			</div>
		</Form>
	)
}

/** Changes one milestone's title and due date. */
export function MilestoneEditForm({
	milestone,
	context,
	lastResult,
	busy,
}: {
	milestone: { id: string; title: string; dueOn: string }
	context: MilestoneContext
	lastResult: Result
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: `milestone-update-${milestone.id}`,
		lastResult,
		defaultValue: { title: milestone.title, dueOn: milestone.dueOn },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: updateMilestoneSchema(context) }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form milestone-subform" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="milestone-update" />
			<input type="hidden" name="milestoneId" value={milestone.id} />
			<FormError id={form.errorId} errors={form.errors} />
			<div className="field-row">
				<Field meta={fields.title} label="Title" />
				<Field meta={fields.dueOn} label="Due date" type="date" hint={runHint(context)} />
			</div>
			<div>
				<button type="submit" className="button button-small" disabled={busy}>
					Save<span className="visually-hidden"> “{milestone.title}”</span>
				</button>
			</div>
		</Form>
	)
}

/** Waives one milestone; the reason is required and shown wherever the milestone is. */
export function MilestoneWaiveForm({
	milestone,
	lastResult,
	busy,
}: {
	milestone: { id: string; title: string }
	lastResult: Result
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: `milestone-waive-${milestone.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WaiveMilestoneSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form milestone-subform" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="milestone-waive" />
			<input type="hidden" name="milestoneId" value={milestone.id} />
			<FormError id={form.errorId} errors={form.errors} />
			<Field
				meta={fields.reason}
				label="Reason for waiving"
				hint="Required. A waived milestone counts as met at the gate."
			/>
			<div>
				<button type="submit" className="button button-small" disabled={busy}>
					Waive<span className="visually-hidden"> “{milestone.title}”</span>
				</button>
			</div>
		</Form>
	)
}
