import { href, Link } from 'react-router'
import type { NeedsAttention } from '#server/assignments/attention.server.ts'
import { assignmentsHref } from '#shared/assignment-filters.ts'
import { formatDate } from '#shared/dates.ts'
import { PHASE_LABELS, SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { DUE_SOON_DAYS } from '#shared/schedule.ts'
import { formatNumber, plural } from '#shared/text.ts'
import { DashboardWorkItem } from './dashboard-work-item.tsx'

/** How many items of each kind are named under its number. */
const SHOWN = 3

type Props = { slug: string; documentId: string | null; attention: NeedsAttention }

function Group({
	count,
	href,
	label,
	alert,
	children,
}: {
	count: number
	href: string
	label: string
	alert: boolean
	children?: React.ReactNode
}) {
	return (
		<li className={`attention-group ${count === 0 ? 'attention-none' : alert ? 'attention-alert' : ''}`}>
			<p className="attention-line">
				<Link to={href} className="attention-link">
					<span className="attention-count">{formatNumber(count)}</span> {label}
				</Link>
			</p>
			{count > 0 ? children : null}
		</li>
	)
}

/**
 * "Needs attention": late and soon-due work and milestones, blocked work, sections behind. Every
 * number links to the list behind it; the first few items are named under it.
 */
export function DashboardAttention({ slug, documentId, attention }: Props) {
	const { overdue, dueSoon, blocked, overdueMilestones, dueSoonMilestones, sectionsBehind } = attention
	const timeline = href('/t/:slug/timeline', { slug })
	const document = documentId
		? href('/t/:slug/documents/:documentId', { slug, documentId })
		: href('/t/:slug', { slug })
	const quiet = [overdue, dueSoon, blocked, overdueMilestones, dueSoonMilestones, sectionsBehind].every(
		(group) => group.count === 0,
	)
	return (
		<section className="card" aria-labelledby="attention-heading">
			<div className="card-header">
				<h2 id="attention-heading">Needs attention</h2>
			</div>
			{quiet ? <p className="muted">Nothing is late, blocked or due this week.</p> : null}
			<ul className="attention-list">
				<Group
					count={overdue.count}
					href={assignmentsHref(slug, { overdue: true })}
					label={`overdue ${overdue.count === 1 ? 'assignment' : 'assignments'}`}
					alert
				>
					<ul className="work-list">
						{overdue.items.slice(0, SHOWN).map((item) => (
							<DashboardWorkItem key={item.id} slug={slug} item={{ ...item, overdue: true }} show="both" />
						))}
					</ul>
				</Group>
				<Group
					count={blocked.count}
					href={assignmentsHref(slug, { status: 'blocked' })}
					label={`blocked ${blocked.count === 1 ? 'assignment' : 'assignments'}`}
					alert
				>
					<ul className="work-list">
						{blocked.items.slice(0, SHOWN).map((item) => (
							<DashboardWorkItem key={item.id} slug={slug} item={item} show="both" />
						))}
					</ul>
				</Group>
				<Group
					count={dueSoon.count}
					href={assignmentsHref(slug, { dueSoon: true })}
					label={`${dueSoon.count === 1 ? 'assignment' : 'assignments'} due within ${DUE_SOON_DAYS} days`}
					alert={false}
				/>
				<Group
					count={overdueMilestones.count}
					href={timeline}
					label={`overdue ${overdueMilestones.count === 1 ? 'milestone' : 'milestones'}`}
					alert
				>
					<MilestoneItems items={overdueMilestones.items} />
				</Group>
				<Group
					count={dueSoonMilestones.count}
					href={timeline}
					label={`${dueSoonMilestones.count === 1 ? 'milestone' : 'milestones'} due within ${DUE_SOON_DAYS} days`}
					alert={false}
				>
					<MilestoneItems items={dueSoonMilestones.items} />
				</Group>
				<Group
					count={sectionsBehind.count}
					href={document}
					label={`${sectionsBehind.count === 1 ? 'section' : 'sections'} behind their due date`}
					alert
				>
					<ul className="plain-list attention-items">
						{sectionsBehind.items.slice(0, SHOWN).map((section) => (
							<li key={section.id}>
								<Link to={href('/t/:slug/documents/:documentId', { slug, documentId: section.documentId })}>
									{section.title}
								</Link>{' '}
								<span className="muted">
									{SECTION_STATUS_LABELS[section.status]}, due{' '}
									{section.dueOn ? formatDate(section.dueOn) : '—'} ({plural(section.daysLate, 'day')} late)
								</span>
							</li>
						))}
					</ul>
				</Group>
			</ul>
		</section>
	)
}

function MilestoneItems({ items }: { items: NeedsAttention['overdueMilestones']['items'] }) {
	return (
		<ul className="plain-list attention-items">
			{items.slice(0, SHOWN).map((milestone) => (
				<li key={milestone.id}>
					{milestone.title}{' '}
					<span className="muted">
						({PHASE_LABELS[milestone.phaseKind]}, due {formatDate(milestone.dueOn)})
					</span>
				</li>
			))}
		</ul>
	)
}
