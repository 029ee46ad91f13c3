import { data, href, Link, redirect, type ShouldRevalidateFunctionArgs, useNavigation } from 'react-router'
import { AssignmentBoard } from '#app/components/assignment-board.tsx'
import { AssignmentFilterForm, AssignmentViewToggle } from '#app/components/assignment-filters.tsx'
import { AssignmentList } from '#app/components/assignment-list.tsx'
import styles from '#app/styles/assignments.css?url'
import { canCreateAnyAssignment } from '#server/assignments/form-options.server.ts'
import { countAssignments, listAssignments } from '#server/assignments/lists.server.ts'
import { getAssignmentDetail } from '#server/assignments/records.server.ts'
import { changeAssignmentStatus } from '#server/assignments/status.server.ts'
import { getServices } from '#server/context.server.ts'
import { forbidden, notFound } from '#server/http/responses.server.ts'
import { assignmentAccess } from '#server/policies/assignment.server.ts'
import { listSubcommittees } from '#server/subcommittees/lists.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { assignmentsHref, hasFilters, NO_FILTERS, parseAssignmentQuery } from '#shared/assignment-filters.ts'
import { formatDate, todayIn } from '#shared/dates.ts'
import { ASSIGNMENT_STATUSES } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS } from '#shared/labels.ts'
import { isAssignmentOverdue } from '#shared/schedule.ts'
import { formatNumber, plural } from '#shared/text.ts'
import type { Route } from './+types/assignments'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const { viewer, taskForce, membership, state } = access
	const search = new URL(request.url).searchParams
	const { filters, view } = parseAssignmentQuery(search)
	const today = todayIn(taskForce.timeZone, now())
	const filterContext = { viewerId: viewer.id, today }
	const count = (extra: Partial<typeof NO_FILTERS>) =>
		countAssignments(db, taskForce.id, { ...NO_FILTERS, ...extra }, filterContext)
	return {
		taskForce: { slug: taskForce.slug, name: taskForce.name },
		today,
		filters,
		view,
		assignments: listAssignments(db, taskForce.id, filters, filterContext).map((row) => ({
			id: row.id,
			title: row.title,
			subcommittee: row.subcommittee,
			assignee: row.assignee,
			phaseKind: row.phaseKind,
			dueOn: row.dueOn,
			status: row.status,
			blockedReason: row.blockedReason,
			overdue: isAssignmentOverdue(row, today),
			canMove: assignmentAccess(viewer, membership, state, row) !== 'none',
		})),
		total: count({}),
		tallies: ASSIGNMENT_STATUSES.map((status) => ({ status, count: count({ status }) })),
		overdueCount: count({ overdue: true }),
		subcommittees: listSubcommittees(db, taskForce.id).map(({ id, name }) => ({ id, name })),
		canCreate: canCreateAnyAssignment(db, access),
		notice: search.get('notice') === 'deleted' ? 'The assignment was deleted.' : null,
	}
}

/** The board's "Move to…": a status change that names the status the card showed. */
export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now } = getServices(context)
	const { viewer, taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	const formData = await request.formData()
	if (formData.get('intent') !== 'move') throw new Response('Unknown action', { status: 400 })
	const assignment = getAssignmentDetail(db, taskForce.id, String(formData.get('assignmentId') ?? ''))
	if (!assignment) throw notFound()
	if (assignmentAccess(viewer, membership, state, assignment) === 'none') {
		throw forbidden('Only its assignee, the lead of its subcommittee and co-chairs can move this assignment.')
	}
	const to = ASSIGNMENT_STATUSES.find((status) => status === formData.get('status'))
	const from = ASSIGNMENT_STATUSES.find((status) => status === formData.get('from'))
	if (!to)
		return data({ moved: null, notice: null, error: 'Choose a status to move it to.' }, { status: 400 })
	// Blocked needs a reason: the assignment's page asks for it, and works without scripts too.
	if (to === 'blocked' && assignment.status !== 'blocked') {
		return redirect(
			`${href('/t/:slug/assignments/:assignmentId', { slug: taskForce.slug, assignmentId: assignment.id })}?status=blocked`,
			303,
		)
	}
	const outcome = changeAssignmentStatus(db, {
		taskForceId: taskForce.id,
		actor: viewer,
		assignmentId: assignment.id,
		status: to,
		expected: { status: from },
		now: now().getTime(),
	})
	if (outcome.kind === 'not_found') throw notFound()
	if (outcome.kind === 'conflict') {
		const message = `“${assignment.title}” was changed by ${outcome.by ?? 'someone else'} since you opened the board: it is now ${ASSIGNMENT_STATUS_LABELS[outcome.current.status]}. The board shows it as it is now.`
		return data(
			{ moved: { id: assignment.id, to: outcome.current.status }, notice: null, error: message },
			{ status: 409 },
		)
	}
	const label = ASSIGNMENT_STATUS_LABELS[to]
	return {
		moved: { id: assignment.id, to },
		notice:
			outcome.kind === 'changed'
				? `Moved “${outcome.title}” to ${label}.`
				: `“${outcome.title}” is already ${label}.`,
		error: null,
	}
}

/** A refused move (409) still reloads the board, so it shows what the other person did. */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
	return actionStatus === 409 ? true : defaultShouldRevalidate
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Assignments · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Assignments({ loaderData, actionData }: Route.ComponentProps) {
	const {
		taskForce,
		assignments,
		today,
		filters,
		view,
		total,
		tallies,
		overdueCount,
		subcommittees,
		canCreate,
	} = loaderData
	const busy = useNavigation().state === 'submitting'
	const slug = taskForce.slug
	const notice = actionData?.notice ?? loaderData.notice
	const filtered = hasFilters(filters)

	return (
		<>
			<header className="page-header page-header-actions">
				<div>
					<h1>
						Assignments <span className="count">({formatNumber(total)})</span>
					</h1>
					<p className="lede">
						Every subcommittee's assignments, soonest due first. An assignment is overdue when its due date
						has passed and it is not done; today is {formatDate(today, { weekday: true })}.
					</p>
				</div>
				{canCreate ? (
					<Link className="button" to={href('/t/:slug/assignments/new', { slug })}>
						New assignment
					</Link>
				) : null}
			</header>

			<ul className="tallies" aria-label="Assignments by status">
				{tallies.map(({ status, count }) => (
					<li key={status} className="tally">
						<Link className="tally-link" to={assignmentsHref(slug, { status }, view)}>
							<span className="tally-value">{formatNumber(count)}</span>
							<span className="tally-label">{ASSIGNMENT_STATUS_LABELS[status]}</span>
						</Link>
					</li>
				))}
				<li className={overdueCount > 0 ? 'tally tally-alert' : 'tally'}>
					<Link className="tally-link" to={assignmentsHref(slug, { overdue: true }, view)}>
						<span className="tally-value">{formatNumber(overdueCount)}</span>
						<span className="tally-label">Overdue</span>
					</Link>
				</li>
			</ul>

			<div className="card assignment-controls">
				<AssignmentFilterForm slug={slug} filters={filters} view={view} subcommittees={subcommittees} />
				<AssignmentViewToggle slug={slug} filters={filters} view={view} />
			</div>

			<div aria-live="polite">
				{notice ? (
					<div className="notice">
						<p>{notice}</p>
					</div>
				) : null}
				{actionData?.error ? (
					<p className="form-error" role="alert">
						{actionData.error}
					</p>
				) : null}
			</div>

			<p className="assignment-count">
				{filtered
					? `${formatNumber(assignments.length)} of ${plural(total, 'assignment')} ${assignments.length === 1 ? 'matches' : 'match'} the filters.`
					: `Showing all ${plural(assignments.length, 'assignment')}.`}
			</p>

			{assignments.length === 0 ? (
				<section className="card empty-state" aria-label="No assignments">
					<p>{filtered ? 'No assignments match these filters.' : 'No assignments yet.'}</p>
					{filtered ? <Link to={assignmentsHref(slug, {}, view)}>Clear filters</Link> : null}
				</section>
			) : view === 'board' ? (
				<AssignmentBoard slug={slug} items={assignments} busy={busy} moved={actionData?.moved ?? null} />
			) : (
				<AssignmentList slug={slug} items={assignments} />
			)}
		</>
	)
}
