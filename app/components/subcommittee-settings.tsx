import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import { Field, FormError, SelectField } from '#app/components/forms.tsx'
import { ChargeField } from '#app/components/subcommittee-fields.tsx'
import type { SubcommitteePage } from '#server/subcommittees/subcommittee-page.server.ts'
import { SubcommitteeDetailsSchema, SubcommitteeLeadSchema } from '#shared/validation/subcommittees.ts'

type Result = SubmissionResult<string[]> | undefined

/** Renaming and rewriting the charge, in one form so a co-chair edits them side by side. */
function DetailsForm({
	subcommittee,
	lastResult,
	busy,
}: {
	subcommittee: SubcommitteePage['subcommittee']
	lastResult: Result
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: 'subcommittee-details',
		lastResult,
		defaultValue: { name: subcommittee.name, charge: subcommittee.charge },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SubcommitteeDetailsSchema }),
		// Revalidating on input clears a fixed error as it is typed, so nothing shifts under the submit button mid-click.
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="details" />
			<FormError id={form.errorId} errors={form.errors} />
			<Field meta={fields.name} label="Name" hint="Up to 120 characters; unique in the task force." />
			<ChargeField meta={fields.charge} label="Charge" />
			<div>
				<button type="submit" className="button" disabled={busy}>
					Save name and charge
				</button>
			</div>
		</Form>
	)
}

/** Choosing the lead among the members; only members are offered, and the server checks again. */
function LeadForm({
	subcommittee,
	members,
	lastResult,
	busy,
}: {
	subcommittee: SubcommitteePage['subcommittee']
	members: SubcommitteePage['members']
	lastResult: Result
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: 'subcommittee-lead',
		lastResult,
		defaultValue: { leadUserId: subcommittee.leadUserId ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SubcommitteeLeadSchema }),
	})
	const eligible = members.filter((member) => member.role === 'co_chair' || member.role === 'member')
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="lead" />
			<FormError id={form.errorId} errors={form.errors} />
			{eligible.length === 0 ? (
				<p className="field-hint">Add members first; the lead is chosen from among them.</p>
			) : null}
			<SelectField
				meta={fields.leadUserId}
				label="Lead"
				placeholder="No lead"
				options={eligible.map((member) => ({
					value: member.id,
					label: member.organization ? `${member.name} (${member.organization})` : member.name,
				}))}
			/>
			<div>
				<button type="submit" className="button button-secondary" disabled={busy}>
					Save lead
				</button>
			</div>
		</Form>
	)
}

/** A co-chair's settings for one subcommittee: name and charge, then the lead. */
export function SubcommitteeSettings({
	page,
	intent,
	lastResult,
	busy,
}: {
	page: Pick<SubcommitteePage, 'subcommittee' | 'members'>
	/** Which form the last answer belongs to, so its errors show on that form only. */
	intent: string | null
	lastResult: Result
	busy: boolean
}) {
	return (
		<section className="card" id="settings" aria-labelledby="settings-heading">
			<h2 id="settings-heading">Settings</h2>
			<p className="card-hint">Co-chairs rename the subcommittee, write its charge and choose its lead.</p>
			{/* Keyed by the saved values: a save elsewhere (or by someone else) starts the form afresh. */}
			<DetailsForm
				key={`${page.subcommittee.name}\n${page.subcommittee.charge}`}
				subcommittee={page.subcommittee}
				lastResult={intent === 'details' ? lastResult : undefined}
				busy={busy}
			/>
			<h3 className="subheading">Choose the lead</h3>
			<p className="card-hint">
				The lead manages this subcommittee’s members and assignments. Only its members can lead it.
			</p>
			<LeadForm
				key={page.subcommittee.leadUserId ?? 'none'}
				subcommittee={page.subcommittee}
				members={page.members}
				lastResult={intent === 'lead' ? lastResult : undefined}
				busy={busy}
			/>
		</section>
	)
}
