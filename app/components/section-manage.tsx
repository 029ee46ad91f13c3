import type { SubmissionResult } from '@conform-to/react'
import { Form } from 'react-router'
import type { OutlineContext } from '#shared/validation/sections.ts'
import { type EditableSection, SectionEditForm } from './section-form.tsx'

type Props = {
	section: EditableSection & { number: number }
	count: number
	subcommittees: Array<{ id: string; name: string }>
	context: OutlineContext
	/** The last edit result, when it was this section's. */
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/** The id of a section's move button, so focus can follow the section to its new place. */
export function moveButtonId(sectionId: string, direction: 'up' | 'down') {
	return `move-${direction}-${sectionId}`
}

/**
 * A co-chair's controls for one section: move up or down (plain buttons, so the keyboard and a
 * browser without JavaScript can reorder), edit its details, and remove it after a confirmation.
 */
export function SectionManage({ section, count, subcommittees, context, lastResult, busy }: Props) {
	const label = <span className="visually-hidden"> “{section.title}”</span>
	return (
		<>
			<Form method="post" className="inline-form" preventScrollReset>
				<input type="hidden" name="intent" value="move" />
				<input type="hidden" name="sectionId" value={section.id} />
				<input type="hidden" name="position" value={section.number} />
				<button
					type="submit"
					name="direction"
					value="up"
					id={moveButtonId(section.id, 'up')}
					className="button button-secondary button-small"
					disabled={busy || section.number === 1}
				>
					<span aria-hidden="true">↑ </span>Move up{label}
				</button>
				<button
					type="submit"
					name="direction"
					value="down"
					id={moveButtonId(section.id, 'down')}
					className="button button-secondary button-small"
					disabled={busy || section.number === count}
				>
					<span aria-hidden="true">↓ </span>Move down{label}
				</button>
			</Form>
			<details className="outline-disclosure" open={lastResult?.status === 'error' || undefined}>
				<summary>Edit{label}…</summary>
				<SectionEditForm
					key={`${section.title}|${section.subcommitteeId}|${section.targetWords}|${section.dueOn}`}
					section={section}
					subcommittees={subcommittees}
					context={context}
					lastResult={lastResult}
					busy={busy}
				/>
			</details>
			<details className="confirm outline-disclosure">
				<summary>Remove{label}…</summary>
				<Form method="post" className="outline-subform" preventScrollReset>
					<input type="hidden" name="intent" value="remove" />
					<input type="hidden" name="sectionId" value={section.id} />
					<p>
						“{section.title}” leaves the outline. Its text, history and versions are kept, and a co-chair can
						restore it from Removed sections.
					</p>
					<button type="submit" className="button button-danger button-small" disabled={busy}>
						Remove “{section.title}”
					</button>
				</Form>
			</details>
		</>
	)
}
