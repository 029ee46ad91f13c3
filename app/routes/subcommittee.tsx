import { parseWithZod } from '@conform-to/zod/v4'
import { href, Link, redirect, useNavigation } from 'react-router'
import { SubcommitteeDelete } from '#app/components/subcommittee-delete.tsx'
import { type MemberSearch, SubcommitteeMemberSearch } from '#app/components/subcommittee-member-search.tsx'
import { SubcommitteeMembers } from '#app/components/subcommittee-members.tsx'
import { SubcommitteeSettings } from '#app/components/subcommittee-settings.tsx'
import { OpenAssignments, OwnedSections } from '#app/components/subcommittee-work.tsx'
import { type ActionReply, type ActionStatus, actionReply, respond } from '#app/forms/action-reply.ts'
import styles from '#app/styles/subcommittees.css?url'
import { getServices } from '#server/context.server.ts'
import { forbidden } from '#server/http/responses.server.ts'
import { canManageSubcommittee, canManageSubcommittees } from '#server/policies/task-force.server.ts'
import {
	deleteSubcommittee,
	setSubcommitteeLead,
	updateSubcommitteeDetails,
} from '#server/subcommittees/subcommittee-changes.server.ts'
import {
	addSubcommitteeMember,
	removeSubcommitteeMember,
	searchCandidates,
} from '#server/subcommittees/subcommittee-members.server.ts'
import { getSubcommitteePage, requireSubcommittee } from '#server/subcommittees/subcommittee-page.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { todayIn } from '#shared/dates.ts'
import { plural } from '#shared/text.ts'
import {
	MemberSearchSchema,
	SubcommitteeDetailsSchema,
	SubcommitteeLeadSchema,
} from '#shared/validation/subcommittees.ts'
import type { Route } from './+types/subcommittee'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

/** `?q=` read as the search form's answer: null when nobody searched. */
function readSearch(
	url: URL,
	run: (query: string) => Omit<MemberSearch, 'query' | 'error'>,
): MemberSearch | null {
	const raw = url.searchParams.get('q')
	if (raw === null) return null
	const parsed = MemberSearchSchema.safeParse(raw)
	if (!parsed.success)
		return {
			query: raw.slice(0, 200),
			error: parsed.error.issues[0]?.message ?? 'Try again.',
			matches: [],
			total: 0,
		}
	if (parsed.data === '')
		return { query: '', error: 'Enter part of a name, email or organization.', matches: [], total: 0 }
	return { query: parsed.data, error: null, ...run(parsed.data) }
}

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	const subcommittee = requireSubcommittee(db, taskForce.id, params.subcommitteeId)
	const today = todayIn(taskForce.timeZone, now())
	const manageMembers = canManageSubcommittee(membership, state, subcommittee.id)
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug },
		today,
		manageAll: canManageSubcommittees(membership, state),
		manageMembers,
		search: manageMembers
			? readSearch(new URL(request.url), (query) => searchCandidates(db, subcommittee, query))
			: null,
		...getSubcommitteePage(db, subcommittee, today),
	}
}

function answer(intent: string, fields: Partial<Omit<ActionReply, 'intent'>>, status: ActionStatus = 200) {
	return respond(actionReply(intent, fields), status)
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { db, now, collab } = getServices(context)
	const { viewer, taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	const subcommittee = requireSubcommittee(db, taskForce.id, params.subcommitteeId)
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const at = now().getTime()

	// A lead manages the people at their own table; everything else about a subcommittee is the co-chairs'.
	if (intent === 'add-member' || intent === 'remove-member') {
		if (!canManageSubcommittee(membership, state, subcommittee.id)) throw forbidden()
		const userId = String(formData.get('userId') ?? '')
		if (intent === 'add-member') {
			const outcome = addSubcommitteeMember(db, viewer, subcommittee, userId, at, collab)
			if (!outcome.ok) return answer(intent, { error: outcome.message }, 400)
			return answer(intent, { notice: `${outcome.name} is a member of ${subcommittee.name}.` })
		}
		const outcome = removeSubcommitteeMember(db, viewer, subcommittee, userId, at, collab)
		if (!outcome.ok) return answer(intent, { error: outcome.message }, 400)
		const notes = [`${outcome.name} was removed from ${subcommittee.name}.`]
		if (outcome.wasLead) notes.push('The subcommittee has no lead now; a co-chair can choose one.')
		if (outcome.openAssignments > 0)
			notes.push(
				`${outcome.name} still has ${plural(outcome.openAssignments, 'open assignment')} here to reassign.`,
			)
		return answer(intent, { notice: notes.join(' ') })
	}

	if (!canManageSubcommittees(membership, state)) throw forbidden()
	if (intent === 'details') {
		const submission = parseWithZod(formData, { schema: SubcommitteeDetailsSchema })
		if (submission.status !== 'success') return answer(intent, { result: submission.reply() }, 400)
		const outcome = updateSubcommitteeDetails(db, viewer, subcommittee, submission.value, at)
		if (!outcome.ok)
			return answer(
				intent,
				{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
				400,
			)
		const notice = outcome.renamed
			? `Renamed to ${submission.value.name}.`
			: outcome.chargeChanged
				? 'The charge is saved.'
				: 'Nothing had changed.'
		return answer(intent, { result: submission.reply(), notice })
	}
	if (intent === 'lead') {
		const submission = parseWithZod(formData, { schema: SubcommitteeLeadSchema })
		if (submission.status !== 'success') return answer(intent, { result: submission.reply() }, 400)
		const outcome = setSubcommitteeLead(
			db,
			viewer,
			subcommittee,
			submission.value.leadUserId || null,
			at,
			collab,
		)
		if (!outcome.ok)
			return answer(
				intent,
				{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
				400,
			)
		return answer(intent, {
			result: submission.reply(),
			notice: outcome.name
				? `${outcome.name} leads ${subcommittee.name}.`
				: `${subcommittee.name} has no lead now.`,
		})
	}
	if (intent === 'delete') {
		const outcome = deleteSubcommittee(
			db,
			viewer,
			subcommittee,
			{ sectionsConfirmed: formData.get('confirmSections') === 'yes' },
			at,
			collab,
		)
		if (outcome.ok)
			return redirect(
				`${href('/t/:slug/subcommittees', { slug: taskForce.slug })}?deleted=${subcommittee.id}`,
			)
		const error =
			outcome.reason === 'open_assignments'
				? `Reassign or finish its ${plural(outcome.count, 'open assignment')} first.`
				: `Confirm that its ${plural(outcome.count, 'section')} will be left without a subcommittee.`
		return answer(intent, { error }, 400)
	}
	throw new Response('Unknown action', { status: 400 })
}

export const meta: Route.MetaFunction = ({ data }) => [
	{
		title: data ? `${data.subcommittee.name} · Subcommittees · ${data.taskForce.name} · Convene` : 'Convene',
	},
]

export default function Subcommittee({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, subcommittee, members, sectors, sections, openAssignments, today } = loaderData
	const busy = useNavigation().state === 'submitting'
	const intent = actionData?.intent ?? null
	const memberError = intent === 'add-member' || intent === 'remove-member' ? actionData?.error : null

	return (
		<>
			<header className="page-header">
				<p className="eyebrow">
					<Link to={href('/t/:slug/subcommittees', { slug: taskForce.slug })}>Subcommittees</Link>
				</p>
				<h1>{subcommittee.name}</h1>
				<p className="lede subcommittee-charge-text">{subcommittee.charge || 'No charge written yet.'}</p>
				<dl className="facts">
					<div>
						<dt>Lead</dt>
						<dd>{subcommittee.leadName ?? 'No lead yet'}</dd>
					</div>
					<div>
						<dt>Members</dt>
						<dd>{members.length}</dd>
					</div>
					<div>
						<dt>Open assignments</dt>
						<dd>{openAssignments.length}</dd>
					</div>
				</dl>
			</header>

			{actionData?.notice ? (
				<p className="notice" role="status">
					{actionData.notice}
				</p>
			) : null}
			{memberError ? (
				<p className="form-error subcommittee-page-error" role="alert">
					{memberError}
				</p>
			) : null}

			<SubcommitteeMembers
				name={subcommittee.name}
				members={members}
				sectors={sectors}
				canRemove={loaderData.manageMembers}
				busy={busy}
			/>
			{loaderData.manageMembers ? <SubcommitteeMemberSearch search={loaderData.search} busy={busy} /> : null}
			<OwnedSections slug={taskForce.slug} sections={sections} />
			<OpenAssignments slug={taskForce.slug} today={today} assignments={openAssignments} />
			{loaderData.manageAll ? (
				<>
					<SubcommitteeSettings
						page={{ subcommittee, members }}
						intent={intent}
						lastResult={actionData?.result}
						busy={busy}
					/>
					<SubcommitteeDelete
						name={subcommittee.name}
						openAssignments={openAssignments.length}
						sections={sections.length}
						doneAssignments={loaderData.doneAssignmentCount}
						error={intent === 'delete' ? (actionData?.error ?? null) : null}
						busy={busy}
					/>
				</>
			) : null}
		</>
	)
}
