import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { InviteForm } from '#app/components/invite-form.tsx'
import { MemberControls } from '#app/components/member-controls.tsx'
import { RosterTable } from '#app/components/roster-table.tsx'
import { type ActionReply, type ActionStatus, actionReply, respond } from '#app/forms/action-reply.ts'
import { setObserversMayComment } from '#server/comments/settings.server.ts'
import { getServices } from '#server/context.server.ts'
import { inviteMember, listPendingInvitations } from '#server/invitations/invitations.server.ts'
import { changeRole, removeMember } from '#server/members/member-changes.server.ts'
import { listRoster } from '#server/members/roster.server.ts'
import { canManageMembers } from '#server/policies/task-force.server.ts'
import { listSubcommittees } from '#server/subcommittees/lists.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { formatDateTime } from '#shared/dates.ts'
import { ROLES, type Role } from '#shared/domain.ts'
import { ROLE_LABELS, ROLE_PLURAL_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'
import { InviteSchema } from '#shared/validation/auth.ts'
import type { Route } from './+types/members'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce, membership } = requireTaskForceAccess(context, request, params.slug)
	const manage = canManageMembers(membership)
	return {
		taskForce: { name: taskForce.name, timeZone: taskForce.timeZone },
		roster: listRoster(db, taskForce.id),
		manage,
		subcommittees: manage ? listSubcommittees(db, taskForce.id).map(({ id, name }) => ({ id, name })) : [],
		pending: manage ? listPendingInvitations(db, taskForce.id, now().getTime()) : [],
		observersMayComment: taskForce.observersMayComment,
	}
}

/** The members page's reply: the shared one, with the invitation link to copy and the choices to keep. */
type MembersReply = ActionReply & {
	link: string | null
	chosen?: { role: Role; subcommitteeId: string }
}

function reply(intent: string, fields: Partial<Omit<MembersReply, 'intent'>>, status: ActionStatus = 200) {
	return respond<MembersReply>({ link: null, ...actionReply(intent, fields), ...fields }, status)
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { viewer, taskForce } = requireTaskForceAccess(context, request, params.slug, 'manage')
	const { db, config, now, collab } = getServices(context)
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const at = now().getTime()

	if (intent === 'invite') {
		const submission = parseWithZod(formData, { schema: InviteSchema })
		if (submission.status !== 'success') return reply(intent, { result: submission.reply() }, 400)
		const origin = config.publicOrigin ?? new URL(request.url).origin
		const outcome = inviteMember(db, { taskForce, inviter: viewer, ...submission.value, origin, now: at })
		if (outcome.kind === 'limited') {
			return reply(intent, { result: submission.reply({ fieldErrors: { email: [outcome.message] } }) }, 429)
		}
		if (outcome.kind === 'error') {
			return reply(
				intent,
				{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
				400,
			)
		}
		// The next invitation is often to the same place: the form keeps the role and subcommittee.
		const chosen = { role: submission.value.role, subcommitteeId: submission.value.subcommitteeId ?? '' }
		const result = submission.reply({ resetForm: true })
		return outcome.kind === 'added'
			? reply(intent, {
					chosen,
					result,
					notice: `${outcome.name} already had an account and is now a member.`,
				})
			: reply(intent, {
					chosen,
					result,
					notice: `Invitation created for ${outcome.email}. Send them this link; it works once, for seven days.`,
					link: outcome.link,
				})
	}

	const userId = String(formData.get('userId') ?? '')
	if (intent === 'role') {
		const role = ROLES.find((candidate) => candidate === formData.get('role'))
		if (!role) return reply(intent, { error: 'Choose a role.' }, 400)
		const outcome = changeRole(db, viewer, taskForce.id, userId, role, at, collab)
		if (!outcome.ok) return reply(intent, { error: outcome.message }, 400)
		return reply(intent, { notice: `${outcome.name} is now ${ROLE_LABELS[role].toLowerCase()}.` })
	}
	if (intent === 'observers-comment') {
		const allowed = formData.get('allowed') === 'on'
		const outcome = setObserversMayComment(db, viewer, taskForce.id, allowed, at)
		const words = allowed
			? 'Observers may comment now.'
			: 'Observers read comments but no longer add to them.'
		return reply(intent, { notice: outcome.changed ? words : 'Nothing changed.' })
	}
	if (intent === 'remove') {
		const outcome = removeMember(db, viewer, taskForce.id, userId, at, collab)
		if (!outcome.ok) return reply(intent, { error: outcome.message }, 400)
		return reply(intent, { notice: `${outcome.name} was removed and no longer has access.` })
	}
	throw new Response('Unknown action', { status: 400 })
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Members · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
	const { roster, manage, subcommittees, pending, taskForce, observersMayComment } = loaderData
	const busy = useNavigation().state === 'submitting'
	const organizations = new Set(roster.map((person) => person.organization).filter(Boolean)).size
	const roleCounts = ROLES.map((role) => ({
		role,
		count: roster.filter((person) => person.role === role).length,
	}))
	const error = actionData?.error ?? null

	return (
		<>
			<header className="page-header">
				<h1>
					Members <span className="count">({formatNumber(roster.length)})</span>
				</h1>
				<p className="lede">
					{plural(roster.length, 'person', 'people')} from {plural(organizations, 'organization')}. Co-chairs
					are listed first.
				</p>
			</header>

			<ul className="tallies" aria-label="Members by role">
				{roleCounts.map(({ role, count }) => (
					<li key={role} className="tally">
						<span className="tally-value">{formatNumber(count)}</span>
						<span className="tally-label">{count === 1 ? ROLE_LABELS[role] : ROLE_PLURAL_LABELS[role]}</span>
					</li>
				))}
			</ul>

			{actionData?.notice ? (
				<div className="notice" role="status">
					<p>{actionData.notice}</p>
					{actionData.link ? (
						<p>
							<label htmlFor="invitation-link" className="visually-hidden">
								Invitation link
							</label>
							<input id="invitation-link" className="copy-field" readOnly value={actionData.link} />
						</p>
					) : null}
				</div>
			) : null}
			{error ? (
				<p className="form-error" role="alert">
					{error}
				</p>
			) : null}

			{manage ? (
				<section className="card" aria-labelledby="observer-comments-heading">
					<h2 id="observer-comments-heading">Comments from observers</h2>
					<Form method="post" className="form">
						<input type="hidden" name="intent" value="observers-comment" />
						<label>
							<input
								type="checkbox"
								name="allowed"
								defaultChecked={observersMayComment}
								aria-describedby="observers-comment-hint"
							/>{' '}
							Observers may comment on sections
						</label>
						<p id="observers-comment-hint" className="field-hint">
							Observers always read the text and its comments. Off by default; each change is in the activity
							log.
						</p>
						<button type="submit" className="button button-secondary" disabled={busy}>
							Save
						</button>
					</Form>
				</section>
			) : null}

			{manage ? (
				<section className="card" aria-labelledby="invite-heading">
					<h2 id="invite-heading">Invite someone</h2>
					<p className="card-hint">
						Someone with a Convene account joins at once; anyone else receives a link to create their account.
					</p>
					<InviteForm
						subcommittees={subcommittees}
						lastResult={actionData?.result}
						chosen={actionData?.chosen}
						busy={busy}
					/>
					{pending.length > 0 ? (
						<>
							<h3 className="subheading">Waiting for an answer</h3>
							<ul className="list">
								{pending.map((invitation) => (
									<li key={`${invitation.email}-${invitation.createdAt}`} className="list-row">
										<span>
											<span className="list-title">{invitation.email}</span>
											<span className="list-detail">{ROLE_LABELS[invitation.role]}</span>
										</span>
										<span className="count">
											expires {formatDateTime(invitation.expiresAt, taskForce.timeZone)}
										</span>
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			) : null}

			<section className="card" aria-labelledby="roster-heading">
				<div className="card-header">
					<h2 id="roster-heading">Everyone in the task force</h2>
				</div>
				<RosterTable
					rows={roster}
					caption="Members of the task force"
					actions={manage ? (member) => <MemberControls member={member} busy={busy} /> : undefined}
				/>
			</section>
		</>
	)
}
