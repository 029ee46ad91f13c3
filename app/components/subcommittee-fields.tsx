import { type FieldMetadata, getTextareaProps } from '@conform-to/react'
import { ErrorList } from '#app/components/forms.tsx'
import { SUBCOMMITTEE_CHARGE_MAX } from '#shared/validation/subcommittees.ts'

/**
 * The charge: a labelled textarea with its limit said up front and its errors wired to it. The limit
 * is not enforced by `maxLength`, so pasted text is never cut silently; the server says what is wrong.
 */
export function ChargeField({
	meta,
	label = 'Charge (optional)',
}: {
	meta: FieldMetadata<string>
	label?: string
}) {
	const hintId = `${meta.id}-hint`
	const props = getTextareaProps(meta, { ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			<p id={hintId} className="field-hint">
				What the subcommittee researches and writes, in a few sentences. Up to{' '}
				{SUBCOMMITTEE_CHARGE_MAX.toLocaleString('en-US')} characters.
			</p>
			<textarea {...props} key={props.key} rows={5} className="subcommittee-charge-input" />
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}
