import type { FieldMetadata } from '@conform-to/react'
import type { AssignmentFormOptions } from '#server/assignments/form-options.server.ts'
import { formatDate } from '#shared/dates.ts'
import { PHASE_KINDS } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'
import { ASSIGNMENT_DETAILS_MAX, ASSIGNMENT_TITLE_MAX } from '#shared/validation/assignments.ts'
import { AssigneeSelect, DateField, TextareaField } from './assignment-fields.tsx'
import { Field, SelectField } from './forms.tsx'

type Meta = FieldMetadata<string | undefined>

export type AssignmentFieldMetas = {
	title: Meta
	details: Meta
	subcommitteeId: Meta
	sectionId: Meta
	assigneeId: Meta
	phaseKind: Meta
	dueOn: Meta
}

/** The fields an assignment is made of, shared by the create and edit forms. */
export function AssignmentFormFields({
	fields,
	options,
	currentAssignee = null,
}: {
	fields: AssignmentFieldMetas
	options: AssignmentFormOptions
	currentAssignee?: { id: string; name: string } | null
}) {
	const { run } = options
	const runHint = run.startsOn
		? `Between ${formatDate(run.startsOn)} and publication on ${formatDate(run.endsOn)}.`
		: `On or before publication on ${formatDate(run.endsOn)}.`
	return (
		<>
			<Field
				meta={fields.title}
				label="Title"
				hint={`What is to be done, in at most ${ASSIGNMENT_TITLE_MAX} characters.`}
			/>
			<TextareaField
				meta={fields.details}
				label="Details (optional)"
				hint={`Context, sources, what "done" looks like. At most ${formatNumber(ASSIGNMENT_DETAILS_MAX)} characters.`}
			/>
			<div className="field-row">
				<SelectField
					meta={fields.subcommitteeId}
					label="Subcommittee"
					placeholder="Choose a subcommittee"
					options={options.subcommittees.map(({ id, name }) => ({ value: id, label: name }))}
				/>
				<AssigneeSelect
					meta={fields.assigneeId}
					subcommitteeId={fields.subcommitteeId.value}
					subcommittees={options.subcommittees}
					current={currentAssignee}
				/>
			</div>
			<div className="field-row">
				<SelectField
					meta={fields.sectionId}
					label="Section (optional)"
					placeholder="None"
					options={options.sections.map(({ id, label }) => ({ value: id, label }))}
				/>
				<SelectField
					meta={fields.phaseKind}
					label="Phase"
					options={PHASE_KINDS.map((kind) => ({ value: kind, label: PHASE_LABELS[kind] }))}
				/>
				<DateField meta={fields.dueOn} label="Due date" min={run.startsOn} max={run.endsOn} hint={runHint} />
			</div>
		</>
	)
}
