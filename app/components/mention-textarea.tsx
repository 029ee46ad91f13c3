import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'

type Person = { id: string; name: string }

const SHOWN = 6

/** The "@name" being typed just before the caret, if any: from the @ to the caret. */
function queryAt(text: string, caret: number): { start: number; query: string } | null {
	const match = /(^|\s)@([\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]*)?)$/u.exec(text.slice(0, caret))
	if (!match) return null
	const query = match[2] ?? ''
	return { start: caret - query.length - 1, query }
}

/**
 * A comment box that completes @mentions of the task force's members: type @ and the start of a
 * name, pick with the arrow keys and Enter (or a click); Escape closes the list. The people whose
 * "@Name" is still in the text when the form is sent go with it as `mentionIds` (the server checks
 * they are members). The list is announced through the box's `aria-activedescendant`.
 */
export function MentionTextarea({
	id,
	name,
	people,
	rows,
	required,
	autoFocus,
	describedBy,
	invalid,
	initialText = '',
	initialMentionIds = [],
}: {
	id: string
	name: string
	people: readonly Person[]
	rows: number
	required?: boolean
	autoFocus?: boolean
	describedBy?: string | undefined
	invalid?: boolean
	/** What the box starts with (editing a comment), and whom it already mentions. */
	initialText?: string
	initialMentionIds?: readonly string[]
}) {
	const box = useRef<HTMLTextAreaElement>(null)
	const listId = useId()
	const [text, setText] = useState(initialText)
	const [picked, setPicked] = useState<Person[]>(() =>
		people.filter((person) => initialMentionIds.includes(person.id)),
	)
	const [open, setOpen] = useState<{ start: number; query: string } | null>(null)
	const [active, setActive] = useState(0)
	// Where the caret goes after a pick: set as the new text is rendered, before the next key.
	const caretAfterPick = useRef<number | null>(null)
	useLayoutEffect(() => {
		if (caretAfterPick.current === null || !box.current) return
		box.current.setSelectionRange(caretAfterPick.current, caretAfterPick.current)
		caretAfterPick.current = null
	})
	// A form reset (after a comment is posted) empties the box.
	useEffect(() => {
		const form = box.current?.form
		if (!form) return
		const clear = () => {
			setText('')
			setPicked([])
			setOpen(null)
		}
		form.addEventListener('reset', clear)
		return () => form.removeEventListener('reset', clear)
	}, [])
	const matches = open
		? people.filter((person) => person.name.toLowerCase().includes(open.query.toLowerCase())).slice(0, SHOWN)
		: []
	const showing = open !== null && matches.length > 0

	const update = (value: string, caret: number) => {
		setText(value)
		setOpen(queryAt(value, caret))
		setActive(0)
	}
	const pick = (person: Person) => {
		if (!open || !box.current) return
		const caret = box.current.selectionStart
		const value = `${text.slice(0, open.start)}@${person.name} ${text.slice(caret)}`
		const at = open.start + person.name.length + 2
		setText(value)
		setPicked((list) => (list.some((entry) => entry.id === person.id) ? list : [...list, person]))
		setOpen(null)
		caretAfterPick.current = at
	}
	const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
		if (!showing) return
		if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
			event.preventDefault()
			const step = event.key === 'ArrowDown' ? 1 : -1
			setActive((index) => (index + step + matches.length) % matches.length)
		} else if (event.key === 'Enter' || event.key === 'Tab') {
			event.preventDefault()
			pick(matches[active] as Person)
		} else if (event.key === 'Escape') {
			event.preventDefault()
			setOpen(null)
		}
	}
	const mentioned = picked.filter((person) => text.includes(`@${person.name}`))
	return (
		<div className="mention-box">
			<textarea
				ref={box}
				id={id}
				name={name}
				rows={rows}
				required={required}
				// biome-ignore lint/a11y/noAutofocus: the person just asked to write here.
				autoFocus={autoFocus}
				value={text}
				aria-describedby={describedBy}
				aria-invalid={invalid || undefined}
				aria-autocomplete="list"
				aria-controls={showing ? listId : undefined}
				aria-activedescendant={showing ? `${listId}-${active}` : undefined}
				onChange={(event) => update(event.target.value, event.target.selectionStart)}
				onKeyDown={onKeyDown}
				onBlur={() => setOpen(null)}
			/>
			{showing ? (
				<div id={listId} role="listbox" aria-label="People to mention" className="mention-list">
					{matches.map((person, index) => (
						<div
							key={person.id}
							id={`${listId}-${index}`}
							role="option"
							// Reached from the box (aria-activedescendant), never by Tab.
							tabIndex={-1}
							aria-selected={index === active}
							className={index === active ? 'mention-option mention-option-active' : 'mention-option'}
							// Pick before the box loses focus (which closes the list).
							onMouseDown={(event) => {
								event.preventDefault()
								pick(person)
							}}
						>
							{person.name}
						</div>
					))}
				</div>
			) : null}
			{mentioned.map((person) => (
				<input key={person.id} type="hidden" name="mentionIds" value={person.id} />
			))}
		</div>
	)
}
