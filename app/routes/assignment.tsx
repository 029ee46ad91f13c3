import { parseWithZod } from '@conform-to/zod/v4'
import { data, href, Link, redirect, type ShouldRevalidateFunctionArgs, useNavigation } from 'react-router'
import { AssignmentDelete } from '#app/components/assignment-delete.tsx'
import { AssignmentEditForm, AssignmentStatusForm } from '#app/components/assignment-edit-form.tsx'
import { AssignmentConflict, AssignmentFacts } from '#app/components/assignment-facts.tsx'
import { AssignmentState } from '#app/components/assignment-state.tsx'
import styles from '#app/styles/assignments.css?url'
import { getAssignmentFormOptions } from '#server/assignments/form-options.server.ts'
import { type AssignmentDetail, getAssignmentDetail } from '#server/assignments/records.server.ts'
import { changeAssignmentStatus, conflictMessage } from '#server/assignments/status.server.ts'
import { deleteAssignment, updateAssignment } from '#server/assignments/update.server.ts'
import { getServices } from '#server/context.server.ts'
import { forbidden, notFound } from '#server/http/responses.server.ts'
import { assignmentAccess } from '#server/policies/assignment.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { getRun } from '#server/task-forces/run.server.ts'
import { formatDateTime, todayIn } from '#shared/dates.ts'
import { isAssignmentOverdue } from '#shared/schedule.ts'
import { AssignmentStatusSchema, assignmentEditSchema } from '#shared/validation/assignments.ts'
import type { Route } from './+types/assignment'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

const NOTICES: Record<string, string> = {
	created: 'Assignment created.',
	saved: 'Changes saved.',
	status: 'Status updated.',
	unchanged: 'Nothing had changed, so nothing was saved.',
}

/** What the page shows of an assignment: the facts a person reads, with "overdue" worked out for today. */
function present(assignment: AssignmentDetail, today: string) {
	const { createdAt: _, updatedAt: __, completedAt: ___, ...rest } = assignment
	return { ...rest, overdue: isAssignmentOverdue(assignment, today) }
}

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const { viewer, taskForce, membership, state } = access
	const assignment = getAssignmentDetail(db, taskForce.id, params.assignmentId)
	if (!assignment) throw notFound()
	const can = assignmentAccess(viewer, membership, state, assignment)
	const search = new URL(request.url).searchParams
	const when = (at: number | null) => (at === null ? null : formatDateTime(at, taskForce.timeZone))
	return {
		taskForce: { slug: taskForce.slug, name: taskForce.name },
		assignment: present(assignment, todayIn(taskForce.timeZone, now())),
		history: {
			created: when(assignment.createdAt),
			updated: assignment.updatedAt !== assignment.createdAt ? when(assignment.updatedAt) : null,
			completed: when(assignment.completedAt),
		},
		access: can,
		options: can === 'edit' ? getAssignmentFormOptions(db, access, assignment.subcommitteeId) : null,
		notice: NOTICES[search.get('notice') ?? ''] ?? null,
		// The board sends people here when they move a card to Blocked: the reason is asked for here.
		askReason: search.get('status') === 'blocked' && can !== 'none' && assignment.status !== 'blocked',
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now } = getServices(context)
	const { viewer, taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	const before = getAssignmentDetail(db, taskForce.id, params.assignmentId)
	if (!before) throw notFound()
	const can = assignmentAccess(viewer, membership, state, before)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const at = now().getTime()
	const today = todayIn(taskForce.timeZone, now())
	const here = href('/t/:slug/assignments/:assignmentId', { slug: taskForce.slug, assignmentId: before.id })
	const common = { taskForceId: taskForce.id, actor: viewer, assignmentId: before.id, now: at }

	if (intent === 'delete') {
		if (can !== 'edit') throw forbidden()
		deleteAssignment(db, common)
		return redirect(`${href('/t/:slug/assignments', { slug: taskForce.slug })}?notice=deleted`, 303)
	}

	if (intent === 'save') {
		if (can !== 'edit')
			throw forbidden('Only co-chairs and the lead of its subcommittee can edit this assignment.')
		const submission = parseWithZod(formData, { schema: assignmentEditSchema(getRun(db, taskForce)) })
		if (submission.status !== 'success')
			return data({ result: submission.reply(), conflict: null }, { status: 400 })
		const outcome = updateAssignment(db, { ...common, input: submission.value })
		switch (outcome.kind) {
			case 'not_found':
				throw notFound()
			case 'conflict':
				return data(
					{
						result: submission.reply({ formErrors: [conflictMessage(outcome)] }),
						conflict: { by: outcome.by, current: present(outcome.current, today) },
					},
					{ status: 409 },
				)
			case 'invalid':
				return data(
					{
						result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }),
						conflict: null,
					},
					{ status: 400 },
				)
			case 'unchanged':
				return redirect(`${here}?notice=unchanged`, 303)
			case 'saved':
				return redirect(`${here}?notice=saved`, 303)
		}
	}

	if (intent === 'status') {
		if (can === 'none')
			throw forbidden('Only its assignee, the lead of its subcommittee and co-chairs can change its status.')
		const submission = parseWithZod(formData, { schema: AssignmentStatusSchema })
		if (submission.status !== 'success')
			return data({ result: submission.reply(), conflict: null }, { status: 400 })
		const outcome = changeAssignmentStatus(db, {
			...common,
			status: submission.value.status,
			blockedReason: submission.value.blockedReason,
			expected: { revision: submission.value.revision },
		})
		if (outcome.kind === 'not_found') throw notFound()
		if (outcome.kind === 'conflict') {
			return data(
				{
					result: submission.reply({ formErrors: [conflictMessage(outcome)] }),
					conflict: { by: outcome.by, current: present(outcome.current, today) },
				},
				{ status: 409 },
			)
		}
		return redirect(`${here}?notice=${outcome.kind === 'changed' ? 'status' : 'unchanged'}`, 303)
	}

	throw new Response('Unknown action', { status: 400 })
}

/** A refused save (409) reloads the page's data too, so its heading shows the current values. */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
	return actionStatus === 409 ? true : defaultShouldRevalidate
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `${data.assignment.title} · Assignments · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Assignment({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, assignment, history, access, options, notice, askReason } = loaderData
	const busy = useNavigation().state === 'submitting'
	const conflict = actionData?.conflict ?? null
	// After a refused save the form reopens at the current revision, keeping what the person typed.
	const revision = conflict?.current.revision ?? assignment.revision
	const status = askReason ? 'blocked' : assignment.status
	const formProps = { assignment, revision, status, lastResult: actionData?.result, busy }

	return (
		<>
			<p className="back-link">
				<Link to={href('/t/:slug/assignments', { slug: taskForce.slug })}>← All assignments</Link>
			</p>
			<header className="page-header">
				<p className="eyebrow">Assignment · {assignment.subcommittee}</p>
				<h1>{assignment.title}</h1>
				<p className="lede">
					<AssignmentState status={assignment.status} overdue={assignment.overdue} />
				</p>
			</header>

			{notice ? (
				<div className="notice" role="status">
					<p>{notice}</p>
				</div>
			) : null}
			{askReason ? (
				<div className="notice notice-ask" role="status">
					<p>Say what is blocking it, then save, to move it to Blocked.</p>
				</div>
			) : null}

			{conflict ? (
				<AssignmentConflict by={conflict.by} current={conflict.current} slug={taskForce.slug} />
			) : null}

			{/* During a conflict the panel above shows the current values; the page's own copy would repeat them. */}
			<section className="card" aria-labelledby="about-heading" hidden={conflict !== null}>
				<h2 id="about-heading" className="visually-hidden">
					About this assignment
				</h2>
				<AssignmentFacts assignment={assignment} slug={taskForce.slug} />
				<h3 className="subheading">Details</h3>
				{assignment.details ? (
					<p className="assignment-details">{assignment.details}</p>
				) : (
					<p className="muted">No details.</p>
				)}
				<p className="assignment-history">
					Created {history.created}
					{assignment.createdBy ? ` by ${assignment.createdBy}` : ''}.
					{history.updated
						? ` Last changed ${history.updated}${assignment.updatedBy ? ` by ${assignment.updatedBy}` : ''}.`
						: ''}
					{history.completed && assignment.status === 'done' ? ` Done ${history.completed}.` : ''}
				</p>
			</section>

			{access === 'edit' && options ? (
				<section className="card" aria-labelledby="edit-heading">
					<h2 id="edit-heading">Edit</h2>
					<p className="card-hint">
						Co-chairs and the lead of {assignment.subcommittee} can change everything here.
					</p>
					<AssignmentEditForm key={revision} {...formProps} options={options} />
				</section>
			) : null}
			{access === 'status' ? (
				<section className="card" aria-labelledby="status-heading">
					<h2 id="status-heading">Update the status</h2>
					<p className="card-hint">It is assigned to you. Its lead and the co-chairs can change the rest.</p>
					<AssignmentStatusForm key={revision} {...formProps} />
				</section>
			) : null}
			{access === 'none' ? (
				<p className="muted">
					Its assignee, the lead of {assignment.subcommittee} and the co-chairs can change this assignment.
				</p>
			) : null}
			{access === 'edit' ? <AssignmentDelete title={assignment.title} busy={busy} /> : null}
		</>
	)
}
