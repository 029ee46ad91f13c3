import {
	type FieldMetadata,
	getFormProps,
	getInputProps,
	getSelectProps,
	type SubmissionResult,
	useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import { formatNumber } from '#shared/text.ts'
import {
	addSectionSchema,
	editSectionSchema,
	type OutlineContext,
	SECTION_TARGET_MAX,
	SECTION_TITLE_MAX,
} from '#shared/validation/sections.ts'
import { ErrorList, Field, FormError } from './forms.tsx'

type Result = SubmissionResult<string[]> | undefined
type Subcommittee = { id: string; name: string }

function runHint({ run }: OutlineContext) {
	return run.startsOn
		? `Optional; ${formatDate(run.startsOn)} – ${formatDate(run.endsOn)}.`
		: `Optional; by ${formatDate(run.endsOn)}.`
}

/**
 * The owning subcommittee. It carries a hint like its neighbours, so the three inputs of the row
 * line up (the shared SelectField has none).
 */
function OwnerField({
	meta,
	subcommittees,
}: {
	meta: FieldMetadata<string | undefined>
	subcommittees: Subcommittee[]
}) {
	const hintId = `${meta.id}-hint`
	const props = getSelectProps(meta, { ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={meta.id}>Owner</label>
			<p id={hintId} className="field-hint">
				Optional; the subcommittee that writes it.
			</p>
			<select {...props} key={props.key}>
				<option value="">No subcommittee yet</option>
				{subcommittees.map((subcommittee) => (
					<option key={subcommittee.id} value={subcommittee.id}>
						{subcommittee.name}
					</option>
				))}
			</select>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** A whole-number input with its hint and errors (the shared Field has no number type). */
function NumberField({
	meta,
	label,
	hint,
}: {
	meta: FieldMetadata<string | undefined>
	label: string
	hint: string
}) {
	const hintId = `${meta.id}-hint`
	const props = getInputProps(meta, { type: 'number', ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			<p id={hintId} className="field-hint">
				{hint}
			</p>
			<input {...props} key={props.key} inputMode="numeric" step={1} />
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

type DetailsFields = {
	title: FieldMetadata<string | undefined>
	subcommitteeId: FieldMetadata<string | undefined>
	targetWords: FieldMetadata<string | undefined>
	dueOn: FieldMetadata<string | undefined>
}

/** Title, owner, target and due date: the same four fields for adding and for editing a section. */
function DetailsFieldset({
	fields,
	subcommittees,
	context,
}: {
	fields: DetailsFields
	subcommittees: Subcommittee[]
	context: OutlineContext
}) {
	return (
		<>
			<Field meta={fields.title} label="Title" hint={`Up to ${SECTION_TITLE_MAX} characters.`} />
			<div className="field-row">
				<OwnerField meta={fields.subcommitteeId} subcommittees={subcommittees} />
				<NumberField
					meta={fields.targetWords}
					label="Target words"
					hint={`Optional; 0 to ${formatNumber(SECTION_TARGET_MAX)}.`}
				/>
				<Field meta={fields.dueOn} label="Due date" type="date" hint={runHint(context)} />
			</div>
		</>
	)
}

type FormProps = {
	subcommittees: Subcommittee[]
	context: OutlineContext
	lastResult: Result
	busy: boolean
}

/** Adds a section at the end of the outline; it starts not started, with an empty text. */
export function SectionAddForm({ subcommittees, context, lastResult, busy }: FormProps) {
	const [form, fields] = useForm({
		id: 'section-add',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: addSectionSchema(context) }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="add" />
			<FormError id={form.errorId} errors={form.errors} />
			<DetailsFieldset fields={fields} subcommittees={subcommittees} context={context} />
			<div>
				<button type="submit" className="button" disabled={busy}>
					Add section
				</button>
			</div>
		</Form>
	)
}

export type EditableSection = {
	id: string
	title: string
	subcommitteeId: string | null
	targetWords: number | null
	dueOn: string | null
}

/** Renames one section and sets its owner, target and due date. */
export function SectionEditForm({
	section,
	subcommittees,
	context,
	lastResult,
	busy,
}: FormProps & { section: EditableSection }) {
	const [form, fields] = useForm({
		id: `section-edit-${section.id}`,
		lastResult,
		defaultValue: {
			title: section.title,
			subcommitteeId: section.subcommitteeId ?? '',
			targetWords: section.targetWords === null ? '' : String(section.targetWords),
			dueOn: section.dueOn ?? '',
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: editSectionSchema(context) }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Form method="post" className="form outline-subform" preventScrollReset {...getFormProps(form)}>
			<input type="hidden" name="intent" value="edit" />
			<input type="hidden" name="sectionId" value={section.id} />
			<FormError id={form.errorId} errors={form.errors} />
			<DetailsFieldset fields={fields} subcommittees={subcommittees} context={context} />
			<div>
				<button type="submit" className="button button-small" disabled={busy}>
					Save<span className="visually-hidden"> “{section.title}”</span>
				</button>
			</div>
		</Form>
	)
}
