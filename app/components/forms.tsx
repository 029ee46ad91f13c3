import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'

/** Errors of one field or of the whole form, announced to screen readers as they appear. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
	if (!errors?.length) return null
	return (
		<ul id={id} className="field-errors">
			{errors.map((error) => (
				<li key={error}>{error}</li>
			))}
		</ul>
	)
}

/** The form-level message (e.g. "Email or password is incorrect."). */
export function FormError({ id, errors }: { id?: string; errors?: string[] }) {
	if (!errors?.length) return null
	return (
		<div id={id} className="form-error" role="alert">
			{errors.join(' ')}
		</div>
	)
}

type InputType = 'text' | 'email' | 'password' | 'date' | 'search'

/** A labelled input with its hint and errors wired to it (aria-describedby, aria-invalid). */
export function Field({
	meta,
	label,
	type = 'text',
	hint,
	autoComplete,
}: {
	meta: FieldMetadata<string | undefined>
	label: string
	type?: InputType
	hint?: string
	autoComplete?: string
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	const inputProps = getInputProps(meta, { type, ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<input {...inputProps} key={inputProps.key} autoComplete={autoComplete} />
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** A labelled select with its errors. */
export function SelectField({
	meta,
	label,
	options,
	placeholder,
}: {
	meta: FieldMetadata<string | undefined>
	label: string
	options: Array<{ value: string; label: string }>
	placeholder?: string
}) {
	const selectProps = getSelectProps(meta)
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			<select {...selectProps} key={selectProps.key}>
				{placeholder !== undefined ? <option value="">{placeholder}</option> : null}
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/**
 * A submit button's props while a submission is under way: marked unavailable and inert, but not
 * `disabled` — a disabled button drops keyboard focus to the page, and a keyboard user who just
 * pressed it would be sent back to the top when the answer arrives.
 */
export function whileBusy(busy: boolean) {
	return {
		'aria-disabled': busy || undefined,
		onClick: busy ? (event: { preventDefault: () => void }) => event.preventDefault() : undefined,
	}
}
