import { parseWithZod } from '@conform-to/zod/v4'
import { data, href, redirect, useNavigation } from 'react-router'
import { AssignmentCreateForm } from '#app/components/assignment-create-form.tsx'
import styles from '#app/styles/assignments.css?url'
import { createAssignment } from '#server/assignments/create.server.ts'
import { canCreateAnyAssignment, getAssignmentFormOptions } from '#server/assignments/form-options.server.ts'
import { getServices } from '#server/context.server.ts'
import { forbidden } from '#server/http/responses.server.ts'
import { canCreateAssignment } from '#server/policies/assignment.server.ts'
import { getSubcommittee } from '#server/subcommittees/subcommittee-page.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { getRun } from '#server/task-forces/run.server.ts'
import { assignmentSchema } from '#shared/validation/assignments.ts'
import type { Route } from './+types/assignment-new'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

const NO_RIGHT = 'Co-chairs create assignments in any subcommittee, and leads in their own.'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const options = getAssignmentFormOptions(db, access)
	if (options.subcommittees.length === 0) throw forbidden(NO_RIGHT)
	// `?subcommittee=` (from a subcommittee's page) preselects; so does having only one to choose from.
	const asked = new URL(request.url).searchParams.get('subcommittee')
	const preselected =
		options.subcommittees.find((subcommittee) => subcommittee.id === asked)?.id ??
		(options.subcommittees.length === 1 ? (options.subcommittees[0]?.id ?? null) : null)
	return {
		taskForce: { slug: access.taskForce.slug, name: access.taskForce.name },
		options,
		subcommitteeId: preselected,
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const { viewer, taskForce, membership, state } = access
	// Observers, and members who lead nothing, may not create anywhere: refuse before reading the form.
	if (!canCreateAnyAssignment(db, access)) throw forbidden(NO_RIGHT)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: assignmentSchema(getRun(db, taskForce)) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const subcommittee = getSubcommittee(db, taskForce.id, submission.value.subcommitteeId)
	if (subcommittee && !canCreateAssignment(membership, state, subcommittee.id)) {
		throw forbidden(
			`You can create assignments only in subcommittees you lead; ${subcommittee.name} is not one.`,
		)
	}
	const outcome = createAssignment(db, {
		taskForceId: taskForce.id,
		actor: viewer,
		input: submission.value,
		now: now().getTime(),
	})
	if (outcome.kind === 'invalid') {
		return data(
			{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
			{ status: 400 },
		)
	}
	return redirect(
		`${href('/t/:slug/assignments/:assignmentId', { slug: taskForce.slug, assignmentId: outcome.id })}?notice=created`,
		303,
	)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `New assignment · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function AssignmentNew({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, options, subcommitteeId } = loaderData
	const busy = useNavigation().state === 'submitting'
	return (
		<div className="page-narrow-wide">
			<header className="page-header">
				<h1>New assignment</h1>
				<p className="lede">
					Work for one subcommittee, optionally for one of its members and one section of the document. It
					starts as “To do”.
				</p>
			</header>
			<section className="card" aria-labelledby="new-heading">
				<h2 id="new-heading" className="visually-hidden">
					The assignment
				</h2>
				<AssignmentCreateForm
					options={options}
					lastResult={actionData?.result}
					busy={busy}
					subcommitteeId={subcommitteeId}
					cancelTo={href('/t/:slug/assignments', { slug: taskForce.slug })}
				/>
			</section>
		</div>
	)
}
