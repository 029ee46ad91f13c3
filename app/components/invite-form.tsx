import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import { ROLES } from '#shared/domain.ts'
import { ROLE_LABELS } from '#shared/labels.ts'
import { InviteSchema } from '#shared/validation/auth.ts'
import { Field, FormError, SelectField } from './forms.tsx'

type Props = {
	subcommittees: Array<{ id: string; name: string }>
	lastResult: SubmissionResult<string[]> | undefined
	/** The role and subcommittee of the invitation just made: the form starts from them again. */
	chosen?: { role: string; subcommitteeId: string }
	busy: boolean
}

/**
 * A co-chair invites someone by email, with a role and optionally a subcommittee. After an error every choice is kept (conform puts the submitted values back); after a success
 * only the email is cleared.
 */
export function InviteForm({ subcommittees, lastResult, chosen, busy }: Props) {
	const [form, fields] = useForm({
		id: 'invite',
		lastResult,
		defaultValue: { email: '', role: 'member', subcommitteeId: '', ...chosen },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="invite" />
			<FormError id={form.errorId} errors={form.errors} />
			<div className="field-row">
				<Field meta={fields.email} label="Email" type="email" />
				<SelectField
					meta={fields.role}
					label="Role"
					options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
				/>
				<SelectField
					meta={fields.subcommitteeId}
					label="Subcommittee (optional)"
					placeholder="None"
					options={subcommittees.map((subcommittee) => ({
						value: subcommittee.id,
						label: subcommittee.name,
					}))}
				/>
			</div>
			<div>
				<button type="submit" className="button" disabled={busy}>
					Invite
				</button>
			</div>
		</Form>
	)
}
