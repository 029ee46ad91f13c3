import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from 'react-router'
import type { CommentDraft } from '#app/components/editor/comment-selection.client.ts'
import { ErrorList, FormError, whileBusy } from '#app/components/forms.tsx'
import { startThreadSchema } from '#shared/validation/comments.ts'
import type { People } from './comment-thread.tsx'
import { MentionTextarea } from './mention-textarea.tsx'

/** A new thread on the passage chosen in the editor: the first comment, or Cancel. */
export function StartThreadForm({
	draft,
	lastResult,
	error,
	busy,
	onCancel,
	people,
}: {
	people: People
	draft: CommentDraft
	lastResult: SubmissionResult<string[]> | undefined
	error: string | undefined
	busy: boolean
	onCancel: () => void
}) {
	const [form, fields] = useForm({
		id: 'comment-start',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: startThreadSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="form comment-start" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="comment-start" />
			<input type="hidden" name="anchorFrom" value={draft.anchorFrom} />
			<input type="hidden" name="anchorTo" value={draft.anchorTo} />
			<FormError id={form.errorId} errors={error ? [...(form.errors ?? []), error] : form.errors} />
			<ErrorList id={fields.anchorFrom.errorId} errors={fields.anchorFrom.errors ?? fields.anchorTo.errors} />
			<p className="comment-draft-quote">New comment on “{draft.quote}”</p>
			<div className="field">
				<label htmlFor={fields.body.id}>Your comment</label>
				<MentionTextarea
					id={fields.body.id}
					name={fields.body.name}
					people={people}
					rows={3}
					required
					autoFocus
					describedBy={fields.body.errors ? fields.body.errorId : undefined}
					invalid={Boolean(fields.body.errors)}
				/>
				<ErrorList id={fields.body.errorId} errors={fields.body.errors} />
			</div>
			<div className="form-actions">
				<button type="submit" className="button" {...whileBusy(busy)}>
					Post comment
				</button>
				<button type="button" className="button button-secondary" onClick={onCancel}>
					Cancel
				</button>
			</div>
		</Form>
	)
}
