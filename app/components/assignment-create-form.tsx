import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useMemo } from 'react'
import { Form, Link } from 'react-router'
import type { AssignmentFormOptions } from '#server/assignments/form-options.server.ts'
import { assignmentSchema } from '#shared/validation/assignments.ts'
import { AssignmentFormFields } from './assignment-form-fields.tsx'
import { FormError } from './forms.tsx'

type Props = {
	options: AssignmentFormOptions
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
	/** Preselected when the viewer can create work in one subcommittee only, or a link named one. */
	subcommitteeId: string | null
	cancelTo: string
}

/** A co-chair (any subcommittee) or lead (their own) creates an assignment. */
export function AssignmentCreateForm({ options, lastResult, busy, subcommitteeId, cancelTo }: Props) {
	const { startsOn, endsOn } = options.run
	const schema = useMemo(() => assignmentSchema({ startsOn, endsOn }), [startsOn, endsOn])
	const [form, fields] = useForm({
		id: 'new-assignment',
		lastResult,
		defaultValue: {
			subcommitteeId: subcommitteeId ?? undefined,
			phaseKind: options.activePhase ?? 'research',
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<FormError id={form.errorId} errors={form.errors} />
			<AssignmentFormFields fields={fields} options={options} />
			<div className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					Create assignment
				</button>
				<Link to={cancelTo}>Cancel</Link>
			</div>
		</Form>
	)
}
