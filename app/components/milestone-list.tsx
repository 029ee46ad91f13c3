import type { SubmissionResult } from '@conform-to/react'
import { Form } from 'react-router'
import { daysBetween, formatDate } from '#shared/dates.ts'
import { MILESTONE_STATE_LABELS } from '#shared/labels.ts'
import type { MilestoneState } from '#shared/schedule.ts'
import { plural } from '#shared/text.ts'
import type { MilestoneContext } from '#shared/validation/milestones.ts'
import { MilestoneEditForm, MilestoneWaiveForm } from './milestone-form.tsx'

export type MilestoneItem = {
	id: string
	title: string
	dueOn: string
	completedAt: number | null
	waivedReason: string | null
	state: MilestoneState
	completedOn: string | null
}

/** The words beside a milestone's state: how far off it is, or why it no longer counts. */
function stateDetail(milestone: MilestoneItem, today: string): string | null {
	const days = daysBetween(today, milestone.dueOn)
	switch (milestone.state) {
		case 'overdue':
			return `${plural(-days, 'day')} late`
		case 'due_soon':
		case 'upcoming':
			return days === 0 ? 'due today' : `in ${plural(days, 'day')}`
		case 'waived':
			return `Reason: ${milestone.waivedReason}`
		case 'done':
			return milestone.completedOn ? `done ${formatDate(milestone.completedOn)}` : null
	}
}

/** One small POST with a hidden milestone id: mark done, undo, un-waive. */
function QuickAction(props: { intent: string; id: string; label: string; title: string; busy: boolean }) {
	return (
		<Form method="post" className="inline-form" preventScrollReset>
			<input type="hidden" name="intent" value={props.intent} />
			<input type="hidden" name="milestoneId" value={props.id} />
			<button type="submit" className="button button-secondary button-small" disabled={props.busy}>
				{props.label}
				<span className="visually-hidden"> “{props.title}”</span>
			</button>
		</Form>
	)
}

type Controls = {
	context: MilestoneContext
	/** The form id the last action answered, and its result, so only that form shows errors. */
	formId: string | null
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/**
 * A co-chair's controls for one milestone. Waiving, editing and deleting open a disclosure first,
 * so nothing changes on a stray click, and everything works without JavaScript.
 */
function MilestoneControls({ milestone, controls }: { milestone: MilestoneItem; controls: Controls }) {
	const { formId, lastResult, busy } = controls
	const resultFor = (id: string) => (formId === id ? lastResult : undefined)
	const waiveId = `milestone-waive-${milestone.id}`
	const editId = `milestone-update-${milestone.id}`
	const open = milestone.completedAt === null && !milestone.waivedReason
	return (
		<div className="milestone-controls">
			{milestone.completedAt !== null ? (
				<QuickAction
					intent="milestone-reopen"
					id={milestone.id}
					label="Undo done"
					title={milestone.title}
					busy={busy}
				/>
			) : milestone.waivedReason ? (
				<QuickAction
					intent="milestone-reopen"
					id={milestone.id}
					label="Un-waive"
					title={milestone.title}
					busy={busy}
				/>
			) : (
				<QuickAction
					intent="milestone-complete"
					id={milestone.id}
					label="Mark done"
					title={milestone.title}
					busy={busy}
				/>
			)}
			{open ? (
				<details className="milestone-disclosure" open={formId === waiveId && lastResult?.status === 'error'}>
					<summary>
						Waive<span className="visually-hidden"> “{milestone.title}”</span>…
					</summary>
					<MilestoneWaiveForm milestone={milestone} lastResult={resultFor(waiveId)} busy={busy} />
				</details>
			) : null}
			<details className="milestone-disclosure" open={formId === editId && lastResult?.status === 'error'}>
				<summary>
					Edit<span className="visually-hidden"> “{milestone.title}”</span>…
				</summary>
				<MilestoneEditForm
					key={`${milestone.title}|${milestone.dueOn}`}
					milestone={milestone}
					context={controls.context}
					lastResult={resultFor(editId)}
					busy={busy}
				/>
			</details>
			<details className="confirm milestone-disclosure">
				<summary>
					Delete<span className="visually-hidden"> “{milestone.title}”</span>…
				</summary>
				<Form method="post" preventScrollReset>
					<input type="hidden" name="intent" value="milestone-delete" />
					<input type="hidden" name="milestoneId" value={milestone.id} />
					<button type="submit" className="button button-danger button-small" disabled={busy}>
						Delete “{milestone.title}” for good
					</button>
				</Form>
			</details>
		</div>
	)
}

/**
 * One phase's milestones by due date. Each row is an anchor (`#milestone-<id>`) the gate links to;
 * its state is written out, not only colored. Controls appear only for those who manage the schedule.
 */
export function MilestoneList({
	milestones,
	today,
	controls,
}: {
	milestones: MilestoneItem[]
	today: string
	controls: Controls | null
}) {
	if (milestones.length === 0) return <p className="list-detail">No milestones in this phase.</p>
	return (
		<ul className="list milestone-list">
			{milestones.map((milestone) => {
				const detail = stateDetail(milestone, today)
				return (
					<li key={milestone.id} id={`milestone-${milestone.id}`} className="milestone-row" tabIndex={-1}>
						<div className="milestone-summary">
							<span>
								<span className="list-title">{milestone.title}</span>
								<span className="list-detail">
									Due {formatDate(milestone.dueOn, { weekday: true })}
									{detail ? ` · ${detail}` : ''}
								</span>
							</span>
							<span className={`state state-${milestone.state}`}>
								{MILESTONE_STATE_LABELS[milestone.state]}
							</span>
						</div>
						{controls ? <MilestoneControls milestone={milestone} controls={controls} /> : null}
					</li>
				)
			})}
		</ul>
	)
}
