import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import type { SectionStatus } from '#shared/domain.ts'
import { formatNumber } from '#shared/text.ts'
import { SectionStatusSchema, STATUS_NOTE_MAX } from '#shared/validation/sections.ts'
import { ErrorList, FormError } from './forms.tsx'

/**
 * A status move this viewer may make. `note`: it asks for words first — what needs to change when
 * sending back; why, when approving with `warning` (open threads or suggestions) outstanding.
 */
export type MoveChoice = { to: SectionStatus; label: string; note: boolean; warning: string | null }

type Section = { id: string; title: string; status: SectionStatus }

function StatusFields({ section, to }: { section: Section; to: SectionStatus }) {
	return (
		<>
			<input type="hidden" name="intent" value="status" />
			<input type="hidden" name="sectionId" value={section.id} />
			<input type="hidden" name="from" value={section.status} />
			<input type="hidden" name="to" value={to} />
		</>
	)
}

/**
 * A move that needs words first: sending back from review (the note is shown on the outline until
 * the next move), or approving with open threads or suggestions (the reason goes in the activity log).
 */
function NoteForm({
	section,
	move,
	lastResult,
	busy,
}: {
	section: Section
	move: MoveChoice
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	const [form, fields] = useForm({
		id: `section-status-${move.to}-${section.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SectionStatusSchema }),
		shouldRevalidate: 'onInput',
	})
	const hintId = `${fields.note.id}-hint`
	const note = getTextareaProps(fields.note, { ariaDescribedBy: hintId })
	const approving = move.to === 'approved'
	return (
		<Form method="post" className="form outline-subform" preventScrollReset {...getFormProps(form)}>
			<StatusFields section={section} to={move.to} />
			<FormError id={form.errorId} errors={form.errors} />
			<div className="field">
				<label htmlFor={fields.note.id}>{approving ? 'Why approve it now' : 'What needs to change'}</label>
				<p id={hintId} className="field-hint">
					{approving
						? `It has ${move.warning}. Resolve them first, or write why it is approved anyway: the reason is kept in the activity log.`
						: 'Required. The writers see it on the outline until the section moves again.'}{' '}
					Up to {formatNumber(STATUS_NOTE_MAX)} characters.
				</p>
				<textarea {...note} key={note.key} rows={3} />
				<ErrorList id={fields.note.errorId} errors={fields.note.errors} />
			</div>
			<div>
				<button type="submit" className="button button-small" disabled={busy}>
					{approving ? 'Approve anyway' : 'Send back to drafting'}
					<span className="visually-hidden"> “{section.title}”</span>
				</button>
			</div>
		</Form>
	)
}

/**
 * The status moves this viewer may make on one section, and only those (the server decides again).
 * Moves without a note are one button each; sending back opens a form for the note first.
 */
export function SectionStatusMoves({
	section,
	moves,
	resultFor,
	busy,
}: {
	section: Section
	moves: MoveChoice[]
	/** The last result of the form with this id, if it was the last one sent. */
	resultFor: (formId: string) => SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	if (moves.length === 0) return null
	return (
		<>
			{moves
				.filter((move) => !move.note)
				.map((move) => (
					<Form key={move.to} method="post" className="inline-form" preventScrollReset>
						<StatusFields section={section} to={move.to} />
						<button
							type="submit"
							className={`button button-small ${move.to === 'approved' ? '' : 'button-secondary'}`}
							disabled={busy}
						>
							{move.label}
							<span className="visually-hidden"> “{section.title}”</span>
						</button>
					</Form>
				))}
			{moves
				.filter((move) => move.note)
				.map((move) => (
					<details
						key={move.to}
						className="outline-disclosure"
						open={resultFor(`section-status-${move.to}-${section.id}`)?.status === 'error' || undefined}
					>
						<summary>
							{move.label}
							<span className="visually-hidden"> “{section.title}”</span>…
						</summary>
						<NoteForm
							section={section}
							move={move}
							lastResult={resultFor(`section-status-${move.to}-${section.id}`)}
							busy={busy}
						/>
					</details>
				))}
		</>
	)
}
