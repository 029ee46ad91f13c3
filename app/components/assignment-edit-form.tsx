import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useMemo } from 'react'
import { Form } from 'react-router'
import type { AssignmentFormOptions } from '#server/assignments/form-options.server.ts'
import type { AssignmentStatus, PhaseKind } from '#shared/domain.ts'
import { AssignmentStatusSchema, assignmentEditSchema } from '#shared/validation/assignments.ts'
import { AssignmentFormFields } from './assignment-form-fields.tsx'
import { AssignmentStatusFields } from './assignment-status-fields.tsx'
import { FormError } from './forms.tsx'

/** The values a form opens with: the assignment as it was when the page was loaded. */
type AssignmentValues = {
	id: string
	title: string
	details: string
	subcommitteeId: string
	sectionId: string | null
	assigneeId: string | null
	phaseKind: PhaseKind
	dueOn: string | null
	status: AssignmentStatus
	blockedReason: string | null
	/** The assignee's name, for the picker when they are no longer in the subcommittee. */
	assignee: string | null
}

type Common = {
	assignment: AssignmentValues
	/** The revision this form saves against: a save is refused if someone has saved since. */
	revision: number
	/** The status to open with (the board sends people here to say why something is blocked). */
	status: AssignmentStatus
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/**
 * Everything about an assignment, for co-chairs and the lead of its subcommittee. The revision
 * goes along hidden; the route keys this form by it, so after a refused save the form reopens at
 * the current revision with the person's own input (Conform's last result) still in it.
 */
export function AssignmentEditForm({
	assignment,
	revision,
	status,
	options,
	lastResult,
	busy,
}: Common & { options: AssignmentFormOptions }) {
	const { startsOn, endsOn } = options.run
	const schema = useMemo(() => assignmentEditSchema({ startsOn, endsOn }), [startsOn, endsOn])
	const [form, fields] = useForm({
		id: `assignment-${assignment.id}`,
		lastResult,
		defaultValue: {
			title: assignment.title,
			details: assignment.details,
			subcommitteeId: assignment.subcommitteeId,
			sectionId: assignment.sectionId ?? undefined,
			assigneeId: assignment.assigneeId ?? undefined,
			phaseKind: assignment.phaseKind,
			dueOn: assignment.dueOn ?? undefined,
			status,
			blockedReason: assignment.blockedReason ?? undefined,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			<input type="hidden" name="revision" value={revision} />
			<FormError id={form.errorId} errors={form.errors} />
			<AssignmentFormFields
				fields={fields}
				options={options}
				currentAssignee={
					assignment.assigneeId && assignment.assignee
						? { id: assignment.assigneeId, name: assignment.assignee }
						: null
				}
			/>
			<div className="field-row">
				<AssignmentStatusFields status={fields.status} blockedReason={fields.blockedReason} />
			</div>
			<div className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					Save changes
				</button>
			</div>
		</Form>
	)
}

/** The assignee's control: the status only (and why it is blocked). */
export function AssignmentStatusForm({ assignment, revision, status, lastResult, busy }: Common) {
	const [form, fields] = useForm({
		id: `assignment-status-${assignment.id}`,
		lastResult,
		defaultValue: { status, blockedReason: assignment.blockedReason ?? undefined },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignmentStatusSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="status" />
			<input type="hidden" name="revision" value={revision} />
			<FormError id={form.errorId} errors={form.errors} />
			<AssignmentStatusFields status={fields.status} blockedReason={fields.blockedReason} />
			<div className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					Update status
				</button>
			</div>
		</Form>
	)
}
