import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useEffect, useState } from 'react'
import type { SubcommitteeChoice } from '#server/assignments/form-options.server.ts'
import { ErrorList } from './forms.tsx'

type Meta = FieldMetadata<string | undefined>

function describedBy(meta: Meta, hintId: string | undefined) {
	return [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(' ') || undefined
}

/** A labelled multi-line field with its hint and errors wired to it. */
export function TextareaField({
	meta,
	label,
	hint,
	rows = 5,
}: {
	meta: Meta
	label: string
	hint?: string
	rows?: number
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	const props = getTextareaProps(meta)
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<textarea {...props} key={props.key} rows={rows} aria-describedby={describedBy(meta, hintId)} />
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** A date field whose picker offers only the task force's run. */
export function DateField({
	meta,
	label,
	min,
	max,
	hint,
}: {
	meta: Meta
	label: string
	min: string | null
	max: string
	hint: string
}) {
	const hintId = `${meta.id}-hint`
	const props = getInputProps(meta, { type: 'date' })
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			<p id={hintId} className="field-hint">
				{hint}
			</p>
			<input
				{...props}
				key={props.key}
				min={min ?? undefined}
				max={max}
				aria-describedby={describedBy(meta, hintId)}
			/>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/**
 * Who does the work: the people of the chosen subcommittee (with scripts, the list follows the
 * subcommittee field; without, every subcommittee's people are offered in groups and the server
 * refuses a person from another one with a message next to the field).
 */
export function AssigneeSelect({
	meta,
	subcommitteeId,
	subcommittees,
	current = null,
}: {
	meta: Meta
	subcommitteeId: string | undefined
	subcommittees: SubcommitteeChoice[]
	/** The person it is assigned to now: still offered if they have left the subcommittee, so a save never drops them unseen. */
	current?: { id: string; name: string } | null
}) {
	const hydrated = useHydrated()
	const chosen = subcommittees.find((subcommittee) => subcommittee.id === subcommitteeId)
	const groups = hydrated && chosen ? [chosen] : subcommittees
	const listed = current && groups.some((group) => group.people.some((person) => person.id === current.id))
	const hintId = `${meta.id}-hint`
	const props = getSelectProps(meta)
	return (
		<div className="field">
			<label htmlFor={meta.id}>Assignee (optional)</label>
			<p id={hintId} className="field-hint">
				A member of the chosen subcommittee.
			</p>
			<select {...props} key={props.key} aria-describedby={describedBy(meta, hintId)}>
				<option value="">Unassigned</option>
				{groups.map((group) => (
					<optgroup key={group.id} label={group.name}>
						{group.people.map((person) => (
							<option key={person.id} value={person.id}>
								{person.name}
							</option>
						))}
					</optgroup>
				))}
				{current && !listed ? (
					<option value={current.id}>{current.name} (not a member of this subcommittee)</option>
				) : null}
			</select>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/**
 * False on the server and in the first render in the browser, true once scripts run: parts that
 * only help with scripts (hiding a field until it applies) stay visible without them.
 */
export function useHydrated(): boolean {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated
}
