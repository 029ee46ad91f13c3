import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, href } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import { describeUnsettled, type Gate, type GateItem, type GateTarget, settledNeeded } from '#shared/gate.ts'
import { MILESTONE_STATE_LABELS, PHASE_LABELS, SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { plural } from '#shared/text.ts'
import { advanceSchema } from '#shared/validation/phases.ts'
import { ErrorList, FormError } from './forms.tsx'
import { ReasonField } from './phase-reason-field.tsx'

/** "Editing", or "Published" for the step after the last phase. */
export function targetLabel(target: GateTarget): string {
	return target === 'published' ? 'Published' : PHASE_LABELS[target]
}

/** What the target asks of sections, in words. */
function sectionRule(gate: Gate): string {
	if (!gate.sectionsNeed) return `${targetLabel(gate.to)} asks nothing of sections.`
	const statuses = gate.sectionsNeed.map((status) => SECTION_STATUS_LABELS[status].toLowerCase())
	const settled = settledNeeded(gate.to) ? ', with no open comment threads or pending suggestions' : ''
	return `${gate.to === 'published' ? 'Publication' : targetLabel(gate.to)} needs every section ${statuses.join(' or ')}${settled}.`
}

function unsettledWords(threads: number, suggestions: number): string {
	const words = describeUnsettled(threads, suggestions)
	return words ? `, ${words}` : ''
}

function GateRow({ item, slug }: { item: GateItem; slug: string }) {
	const itemHref =
		item.kind === 'milestone'
			? `#milestone-${item.id}`
			: href('/t/:slug/documents/:documentId', { slug, documentId: item.documentId })
	const detail =
		item.kind === 'milestone'
			? item.outcome === 'waived'
				? `Milestone, waived: ${item.waivedReason}`
				: `Milestone ${item.outcome === 'done' ? MILESTONE_STATE_LABELS.done.toLowerCase() : 'still open'} · due ${formatDate(item.dueOn)}`
			: `Section, ${SECTION_STATUS_LABELS[item.status].toLowerCase()}${unsettledWords(item.openThreads, item.openSuggestions)}`
	return (
		<li className={`gate-item ${item.met ? 'gate-item-met' : 'gate-item-unmet'}`}>
			<span className="gate-mark">{item.met ? 'Met' : 'Not met'}</span>
			<span>
				<a href={itemHref} className="list-title">
					{item.title}
				</a>
				<span className="list-detail">{detail}</span>
			</span>
		</li>
	)
}

type Props = {
	gate: Gate
	slug: string
	manage: boolean
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/**
 * The gate out of the current phase, computed from live data, and — for co-chairs — the form that
 * advances past it. Unmet items come first and link to what needs doing; an unmet gate asks for a
 * written reason, and publishing asks for an explicit confirmation.
 */
export function PhaseGate({ gate, slug, manage, lastResult, busy }: Props) {
	const publishing = gate.to === 'published'
	const [form, fields] = useForm({
		id: 'advance',
		lastResult,
		onValidate: ({ formData }) =>
			parseWithZod(formData, { schema: advanceSchema({ gateMet: gate.met, publishing }) }),
		shouldRevalidate: 'onInput',
	})
	const items = [...gate.unmet, ...gate.items.filter((item) => item.met)]
	const to = targetLabel(gate.to)
	const action = publishing ? 'Publish the task force' : `Advance to ${to}`
	return (
		<>
			<p className="card-hint">
				Every {PHASE_LABELS[gate.from]} milestone done or waived with a reason. {sectionRule(gate)}
			</p>
			<p className={`gate-summary ${gate.met ? 'gate-summary-met' : 'gate-summary-unmet'}`}>
				{gate.met
					? items.length === 0
						? 'Nothing to check: the gate is met.'
						: items.length === 1
							? 'The gate is met: its one item is done.'
							: `The gate is met: none of its ${plural(items.length, 'item')} is open.`
					: `The gate is not met: ${gate.unmet.length} of ${plural(items.length, 'item')} still open.`}
			</p>
			{items.length > 0 ? (
				<ul className="gate-list" aria-label={`Gate from ${PHASE_LABELS[gate.from]} to ${to}`}>
					{items.map((item) => (
						<GateRow key={`${item.kind}-${item.id}`} item={item} slug={slug} />
					))}
				</ul>
			) : null}
			{manage ? (
				// No preventScrollReset: advancing changes the whole page, so it lands at the top, where the
				// notice and the next gate are.
				<Form method="post" className="form" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="advance" />
					<input type="hidden" name="from" value={gate.from} />
					<FormError id={form.errorId} errors={form.errors} />
					<ErrorList id={fields.from.errorId} errors={fields.from.errors} />
					{gate.met ? null : (
						<ReasonField
							meta={fields.reason}
							label="Reason for overriding the gate"
							hint="Required, at least 10 characters. It is kept in the activity log with the open items."
						/>
					)}
					{publishing ? (
						<div className="gate-warning" role="note">
							<p>
								<strong>Publishing is final.</strong> Every section becomes read-only for everyone, co-chairs
								included, and the schedule stops changing. To publish the text as an edition people can read
								and download, use “Publish edition” on the document’s read view instead: it ends this phase
								too.
							</p>
							<div className="gate-confirm">
								<input {...getInputProps(fields.confirmPublish, { type: 'checkbox', value: 'on' })} />
								<label htmlFor={fields.confirmPublish.id}>I understand the text becomes read-only.</label>
							</div>
							<ErrorList id={fields.confirmPublish.errorId} errors={fields.confirmPublish.errors} />
						</div>
					) : null}
					<div>
						<button type="submit" className={gate.met ? 'button' : 'button button-danger'} disabled={busy}>
							{gate.met ? action : `Override the gate: ${action.charAt(0).toLowerCase()}${action.slice(1)}`}
						</button>
					</div>
				</Form>
			) : null}
		</>
	)
}
