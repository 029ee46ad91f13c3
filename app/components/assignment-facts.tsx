import { href, Link } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import type { AssignmentStatus, PhaseKind } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import { AssignmentState } from './assignment-state.tsx'

/** What a person reads about an assignment, names resolved. */
export type AssignmentFactsData = {
	subcommittee: string
	subcommitteeId: string
	assignee: string | null
	section: string | null
	documentId: string | null
	phaseKind: PhaseKind
	dueOn: string | null
	status: AssignmentStatus
	blockedReason: string | null
	overdue: boolean
}

/** Subcommittee, assignee, section, phase, due date and status as a definition list. */
export function AssignmentFacts({ assignment, slug }: { assignment: AssignmentFactsData; slug: string }) {
	return (
		<dl className="assignment-facts">
			<div>
				<dt>Status</dt>
				<dd>
					<AssignmentState status={assignment.status} overdue={assignment.overdue} />
					{assignment.status === 'blocked' ? (
						<span className="assignment-blocked-reason">
							{assignment.blockedReason ? `Blocked: ${assignment.blockedReason}` : 'No reason given.'}
						</span>
					) : null}
				</dd>
			</div>
			<div>
				<dt>Due</dt>
				<dd>{assignment.dueOn ? formatDate(assignment.dueOn, { weekday: true }) : 'No due date'}</dd>
			</div>
			<div>
				<dt>Assignee</dt>
				<dd>{assignment.assignee ?? <span className="muted">Unassigned</span>}</dd>
			</div>
			<div>
				<dt>Subcommittee</dt>
				<dd>
					<Link
						to={href('/t/:slug/subcommittees/:subcommitteeId', {
							slug,
							subcommitteeId: assignment.subcommitteeId,
						})}
					>
						{assignment.subcommittee}
					</Link>
				</dd>
			</div>
			<div>
				<dt>Section</dt>
				<dd>
					{assignment.section && assignment.documentId ? (
						<Link to={href('/t/:slug/documents/:documentId', { slug, documentId: assignment.documentId })}>
							{assignment.section}
						</Link>
					) : (
						<span className="muted">None</span>
					)}
				</dd>
			</div>
			<div>
				<dt>Phase</dt>
				<dd>{PHASE_LABELS[assignment.phaseKind]}</dd>
			</div>
		</dl>
	)
}

/**
 * Shown when a save was refused because someone else saved first: who, and the assignment as it is
 * now, next to the form that still holds what this person typed.
 */
export function AssignmentConflict({
	by,
	current,
	slug,
}: {
	by: string | null
	current: AssignmentFactsData & { title: string; details: string }
	slug: string
}) {
	return (
		<section className="card assignment-conflict" aria-labelledby="conflict-heading">
			<h2 id="conflict-heading">Saved meanwhile by {by ?? 'someone else'}</h2>
			<p className="card-hint">
				These are the current values. Your own changes are still in the form below; saving it replaces these.
			</p>
			<h3 className="subheading">Title</h3>
			<p className="assignment-current-title">{current.title}</p>
			<AssignmentFacts assignment={current} slug={slug} />
			<h3 className="subheading">Details</h3>
			{current.details ? (
				<p className="assignment-details">{current.details}</p>
			) : (
				<p className="muted">No details.</p>
			)}
		</section>
	)
}
