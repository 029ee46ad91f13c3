import { type DragEvent, useEffect, useRef, useState } from 'react'
import { Form, href, Link, useSubmit } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'
import { useHydrated } from './assignment-fields.tsx'
import type { AssignmentItem } from './assignment-table.tsx'

const DRAG_TYPE = 'application/x-convene-assignment'

type Props = {
	slug: string
	items: AssignmentItem[]
	busy: boolean
	/** The card just moved and where to: focus follows it to its new column. */
	moved: { id: string; to: AssignmentStatus } | null
}

/**
 * The board: a column per status. Every card the viewer may change has a "Move to" form (a select
 * and a button) that works by keyboard and without JavaScript; moving to Blocked goes through the
 * assignment's page, which asks why. With scripts, cards can also be dragged between columns; a
 * drop posts the very same form.
 */
export function AssignmentBoard({ slug, items, busy, moved }: Props) {
	const followed = useRef<Props['moved']>(null)
	useEffect(() => {
		// The action's answer arrives before the reloaded board: wait until the card is in its new column.
		if (!moved || followed.current === moved) return
		if (items.find((item) => item.id === moved.id)?.status !== moved.to) return
		followed.current = moved
		document.getElementById(`card-${moved.id}`)?.focus()
	}, [moved, items])
	const hydrated = useHydrated()
	const submit = useSubmit()
	const [over, setOver] = useState<AssignmentStatus | null>(null)
	const drop = (status: AssignmentStatus) => (event: DragEvent) => {
		event.preventDefault()
		setOver(null)
		const card = items.find((item) => item.id === event.dataTransfer.getData(DRAG_TYPE))
		if (!card || card.status === status) return
		submit({ intent: 'move', assignmentId: card.id, from: card.status, status }, { method: 'post' })
	}
	const dragOver = (status: AssignmentStatus) => (event: DragEvent) => {
		if (!event.dataTransfer.types.includes(DRAG_TYPE)) return
		event.preventDefault()
		setOver(status)
	}
	return (
		<div className="board">
			{ASSIGNMENT_STATUSES.map((status) => {
				const cards = items.filter((item) => item.status === status)
				return (
					<section
						key={status}
						className={`board-column board-column-${status}${over === status ? ' board-column-over' : ''}`}
						aria-labelledby={`column-${status}`}
						onDragOver={dragOver(status)}
						onDragLeave={() => setOver(null)}
						onDrop={drop(status)}
					>
						<h2 id={`column-${status}`} className="board-column-heading">
							{ASSIGNMENT_STATUS_LABELS[status]} <span className="count">({formatNumber(cards.length)})</span>
						</h2>
						{cards.length === 0 ? (
							<p className="board-empty">None</p>
						) : (
							<ul className="board-cards">
								{cards.map((item) => (
									<BoardCard
										key={item.id}
										slug={slug}
										item={item}
										busy={busy}
										draggable={hydrated && item.canMove}
									/>
								))}
							</ul>
						)}
					</section>
				)
			})}
		</div>
	)
}

function BoardCard({
	slug,
	item,
	busy,
	draggable,
}: {
	slug: string
	item: AssignmentItem
	busy: boolean
	draggable: boolean
}) {
	const selectId = `move-${item.id}`
	return (
		<li
			id={`card-${item.id}`}
			className={item.overdue ? 'board-card board-card-overdue' : 'board-card'}
			tabIndex={-1}
			draggable={draggable || undefined}
			onDragStart={draggable ? (event) => event.dataTransfer.setData(DRAG_TYPE, item.id) : undefined}
		>
			<h3 className="board-card-title">
				<Link to={href('/t/:slug/assignments/:assignmentId', { slug, assignmentId: item.id })}>
					{item.title}
				</Link>
			</h3>
			<p className="board-card-meta">
				{item.subcommittee} · {item.assignee ?? 'Unassigned'}
			</p>
			<p className="board-card-meta">
				{item.dueOn ? `Due ${formatDate(item.dueOn)}` : 'No due date'}
				{item.overdue ? <span className="state state-overdue">Overdue</span> : null}
			</p>
			{item.status === 'blocked' && item.blockedReason ? (
				<p className="board-card-reason">Blocked: {item.blockedReason}</p>
			) : null}
			{item.canMove ? (
				<Form method="post" className="move-form">
					<input type="hidden" name="intent" value="move" />
					<input type="hidden" name="assignmentId" value={item.id} />
					<input type="hidden" name="from" value={item.status} />
					<label htmlFor={selectId}>
						Move<span className="visually-hidden"> “{item.title}”</span> to
					</label>
					<select id={selectId} name="status" defaultValue={nextStatus(item.status)}>
						{ASSIGNMENT_STATUSES.filter((status) => status !== item.status).map((status) => (
							<option key={status} value={status}>
								{ASSIGNMENT_STATUS_LABELS[status]}
							</option>
						))}
					</select>
					<button type="submit" className="button button-secondary button-small" disabled={busy}>
						Move<span className="visually-hidden"> “{item.title}”</span>
					</button>
				</Form>
			) : null}
		</li>
	)
}

/** The status a card most likely goes to next, offered first. */
function nextStatus(status: AssignmentStatus): AssignmentStatus {
	if (status === 'todo') return 'in_progress'
	if (status === 'in_progress') return 'done'
	return 'in_progress'
}
