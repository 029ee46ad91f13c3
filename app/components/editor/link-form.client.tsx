import type { Editor } from '@tiptap/react'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'

/** Web and mail links only: a `javascript:` address in a shared document would run for everyone. */
function normalizeHref(raw: string): string | null {
	const value = raw.trim()
	if (!value) return null
	const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value)
		? value
		: value.includes('@') && !value.includes('/')
			? `mailto:${value}`
			: `https://${value}`
	try {
		const url = new URL(withScheme)
		return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null
	} catch {
		return null
	}
}

/**
 * Adds, changes or removes the link on the selection. It takes focus when it opens and gives it
 * back to the text when it closes (Escape cancels).
 */
export function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
	const id = useId()
	const input = useRef<HTMLInputElement>(null)
	const current = editor.getAttributes('link').href as string | undefined
	const [value, setValue] = useState(current ?? '')
	const [error, setError] = useState<string | null>(null)
	useEffect(() => input.current?.focus(), [])

	const close = () => {
		onDone()
		editor.commands.focus()
	}
	const apply = (event: FormEvent) => {
		event.preventDefault()
		const href = normalizeHref(value)
		if (!href) {
			setError('Enter a web address (https://…) or an email address.')
			return
		}
		const chain = editor.chain().focus().extendMarkRange('link')
		if (editor.state.selection.empty && !current) {
			chain
				.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] })
				.run()
		} else chain.setLink({ href }).run()
		onDone()
	}
	const remove = () => {
		editor.chain().focus().extendMarkRange('link').unsetLink().run()
		onDone()
	}

	return (
		<form
			className="link-form"
			onSubmit={apply}
			onKeyDown={(event) => {
				if (event.key === 'Escape') {
					event.preventDefault()
					close()
				}
			}}
			noValidate
		>
			<label htmlFor={`${id}-href`}>Link address</label>
			<input
				ref={input}
				id={`${id}-href`}
				type="text"
				inputMode="url"
				autoComplete="url"
				value={value}
				onChange={(event) => {
					setValue(event.target.value)
					setError(null)
				}}
				aria-invalid={error ? true : undefined}
				aria-describedby={error ? `${id}-error` : undefined}
				placeholder="https://example.gov/policy"
			/>
			<button type="submit" className="button button-small">
				{current ? 'Update link' : 'Add link'}
			</button>
			{current ? (
				<button type="button" className="button button-small button-secondary" onClick={remove}>
					Remove link
				</button>
			) : null}
			<button type="button" className="button button-small button-secondary" onClick={close}>
				Cancel
			</button>
			{error ? (
				<p id={`${id}-error`} className="field-errors link-form-error">
					{error}
				</p>
			) : null}
		</form>
	)
}
