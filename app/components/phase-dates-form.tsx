import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import type { PhaseKind, PhaseStatus } from '#shared/domain.ts'
import { PHASE_LABELS, PHASE_STATUS_LABELS } from '#shared/labels.ts'
import {
	PHASE_DATE_FIELDS,
	type PhaseDatesContext,
	type PhaseDatesInput,
	phaseDatesSchema,
} from '#shared/validation/phases.ts'
import { Field, FormError } from './forms.tsx'

type Phase = { id: string; kind: PhaseKind; status: PhaseStatus; startsOn: string; endsOn: string }

type Props = {
	phases: Phase[]
	publicationDate: string
	context: PhaseDatesContext
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/**
 * A co-chair sets each phase's start and end and the publication date in one form, checked in the
 * browser and again on the server by the same schema; nothing is saved while any field is wrong.
 */
export function PhaseDatesForm({ phases, publicationDate, context, lastResult, busy }: Props) {
	const defaultValue: Partial<PhaseDatesInput> = { publicationDate }
	for (const phase of phases) {
		defaultValue[PHASE_DATE_FIELDS[phase.kind].start] = phase.startsOn
		defaultValue[PHASE_DATE_FIELDS[phase.kind].end] = phase.endsOn
	}
	const [form, fields] = useForm<PhaseDatesInput>({
		id: 'dates',
		lastResult,
		defaultValue,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: phaseDatesSchema(context) }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="dates" />
			<FormError id={form.errorId} errors={form.errors} />
			<div className="phase-date-grid">
				{phases.map((phase) => {
					const names = PHASE_DATE_FIELDS[phase.kind]
					const label = PHASE_LABELS[phase.kind]
					return (
						<fieldset key={phase.id} className="fieldset">
							<legend>
								{label}{' '}
								<span className={`state state-phase-${phase.status}`}>
									{PHASE_STATUS_LABELS[phase.status]}
								</span>
							</legend>
							<div className="field-row">
								<Field meta={fields[names.start]} label={`${label} starts`} type="date" />
								<Field meta={fields[names.end]} label={`${label} ends`} type="date" />
							</div>
						</fieldset>
					)
				})}
			</div>
			<div className="phase-publication-field">
				<Field
					meta={fields.publicationDate}
					label="Publication date"
					type="date"
					hint="Every phase ends on or before it."
				/>
			</div>
			<div>
				<button type="submit" className="button" disabled={busy}>
					Save dates
				</button>
			</div>
		</Form>
	)
}
