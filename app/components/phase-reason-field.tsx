import { type FieldMetadata, getTextareaProps } from '@conform-to/react'
import { ErrorList } from './forms.tsx'

/**
 * A labelled textarea for a written reason (overriding a gate), with its hint and errors wired to
 * it the way `Field` wires an input.
 */
export function ReasonField({
	meta,
	label,
	hint,
	rows = 3,
}: {
	meta: FieldMetadata<string | undefined>
	label: string
	hint?: string
	rows?: number
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	const props = getTextareaProps(meta, { ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<textarea {...props} key={props.key} rows={rows} className="reason-input" />
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}
