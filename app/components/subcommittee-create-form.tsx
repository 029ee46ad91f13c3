import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import { Field, FormError } from '#app/components/forms.tsx'
import { ChargeField } from '#app/components/subcommittee-fields.tsx'
import { CreateSubcommitteeSchema } from '#shared/validation/subcommittees.ts'

/** A co-chair creates a subcommittee; members and a lead are added on its own page next. */
export function SubcommitteeCreateForm({
	lastResult,
	busy,
}: {
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: 'create-subcommittee',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSubcommitteeSchema }),
		// Revalidating on input clears a fixed error as it is typed, so nothing shifts under the submit button mid-click.
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="create" />
			<FormError id={form.errorId} errors={form.errors} />
			<Field meta={fields.name} label="Name" hint="Up to 120 characters; unique in the task force." />
			<ChargeField meta={fields.charge} />
			<div>
				<button type="submit" className="button" disabled={busy}>
					Create subcommittee
				</button>
			</div>
		</Form>
	)
}
