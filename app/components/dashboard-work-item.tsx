import { href, Link } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import type { AssignmentStatus } from '#shared/domain.ts'
import { AssignmentState } from './assignment-state.tsx'

export type DashboardAssignment = {
	id: string
	title: string
	subcommittee: string
	assignee: string | null
	dueOn: string | null
	status: AssignmentStatus
	overdue?: boolean
	blockedReason?: string | null
}

/** One assignment in a dashboard list: its title (a link), where it belongs, when it is due, its state. */
export function DashboardWorkItem({
	slug,
	item,
	show = 'subcommittee',
}: {
	slug: string
	item: DashboardAssignment
	/** What the list around it does not already say: its subcommittee, its assignee, or both. */
	show?: 'subcommittee' | 'assignee' | 'both'
}) {
	const assignee = item.assignee ?? 'Unassigned'
	const where = { subcommittee: item.subcommittee, assignee, both: `${item.subcommittee} · ${assignee}` }[
		show
	]
	return (
		<li className={item.overdue ? 'work-item work-item-overdue' : 'work-item'}>
			<span className="work-item-main">
				<Link
					className="work-item-title"
					to={href('/t/:slug/assignments/:assignmentId', { slug, assignmentId: item.id })}
				>
					{item.title}
				</Link>
				<span className="list-detail">
					{where} · {item.dueOn ? `due ${formatDate(item.dueOn)}` : 'no due date'}
				</span>
				{item.status === 'blocked' && item.blockedReason ? (
					<span className="work-item-reason">Blocked: {item.blockedReason}</span>
				) : null}
			</span>
			<span className="work-item-state">
				<AssignmentState status={item.status} overdue={item.overdue ?? false} />
			</span>
		</li>
	)
}
