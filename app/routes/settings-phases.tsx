import { useEffect, useRef } from 'react'
import { href, Link, useNavigation } from 'react-router'
import { MilestoneCreateForm } from '#app/components/milestone-form.tsx'
import { MilestoneList } from '#app/components/milestone-list.tsx'
import { PhaseDatesForm } from '#app/components/phase-dates-form.tsx'
import { PhaseDatesTable } from '#app/components/phase-dates-table.tsx'
import { PhaseGate, targetLabel } from '#app/components/phase-gate.tsx'
import styles from '#app/styles/phases.css?url'
import { getServices } from '#server/context.server.ts'
import { requireScheduleManager } from '#server/phases/access.server.ts'
import { getScheduleSettings } from '#server/phases/schedule.server.ts'
import { canManageSchedule } from '#server/policies/task-force.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { formatDate } from '#shared/dates.ts'
import { PHASE_LABELS } from '#shared/labels.ts'
import type { Route } from './+types/settings-phases'
import { handleScheduleAction } from './settings-phases.server.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce, membership, state } = requireTaskForceAccess(context, request, params.slug)
	return {
		taskForce: { name: taskForce.name, slug: taskForce.slug, status: taskForce.status },
		manage: canManageSchedule(membership, state),
		...getScheduleSettings(db, taskForce, now()),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	// Members and observers: 403. Co-chairs of a published task force: 403 too — the schedule is final.
	const access = requireTaskForceAccess(context, request, params.slug, 'manage')
	requireScheduleManager(getServices(context).db, access.taskForce.id, access.viewer.id)
	const { db, now, collab } = getServices(context)
	const formData = await request.formData()
	// Advancing stores each section's text as a version: commit any edit still in flight first.
	collab.flush()
	return handleScheduleAction(db, access, formData, now(), collab)
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Phases and milestones · ${data.taskForce.name} · Convene` : 'Convene' },
]

type Answer = { error: string | null; notice: string | null } | null

/**
 * The answer to the last change, in the card where it was made. With `focus`, the answer takes focus
 * (and so scrolls into view): advancing changes the whole page, and the person should land on what
 * happened rather than in the middle of the next gate.
 */
function Feedback({ answer, focus = false }: { answer: Answer; focus?: boolean }) {
	const ref = useRef<HTMLParagraphElement>(null)
	useEffect(() => {
		if (focus && answer) ref.current?.focus()
	}, [focus, answer])
	if (!answer?.error && !answer?.notice) return null
	return (
		<p
			ref={ref}
			tabIndex={-1}
			className={answer.error ? 'form-error' : 'notice'}
			role={answer.error ? 'alert' : 'status'}
		>
			{answer.error ?? answer.notice}
		</p>
	)
}

export default function SettingsPhases({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForce, manage, today, publicationDate, phases, gate, datesContext, milestoneContext } =
		loaderData
	const busy = useNavigation().state === 'submitting'
	const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined)
	const current = phases.find((phase) => phase.status === 'active')

	return (
		<>
			<header className="page-header">
				<h1>Phases and milestones</h1>
				<p className="lede">
					{taskForce.status === 'published'
						? `Published. The schedule below is the record of how the work ran.`
						: current
							? `Currently in ${PHASE_LABELS[current.kind]}, publication on ${formatDate(publicationDate, { weekday: true })}.`
							: `Publication on ${formatDate(publicationDate, { weekday: true })}.`}{' '}
					{manage || taskForce.status !== 'active'
						? null
						: 'Co-chairs change the dates, advance the phase and manage milestones; you can read everything here.'}{' '}
					<Link to={href('/t/:slug/timeline', { slug: taskForce.slug })}>See the timeline</Link>.
				</p>
			</header>

			<Feedback answer={actionData?.about === 'advance' ? actionData : null} focus />
			{gate ? (
				<section className="card" aria-labelledby="gate-heading">
					<div className="card-header">
						<h2 id="gate-heading">
							{gate.to === 'published'
								? 'Publish the task force'
								: `Advance from ${PHASE_LABELS[gate.from]} to ${targetLabel(gate.to)}`}
						</h2>
					</div>
					<PhaseGate
						key={gate.from}
						gate={gate}
						slug={taskForce.slug}
						manage={manage}
						lastResult={resultFor('advance')}
						busy={busy}
					/>
				</section>
			) : null}

			<section className="card" aria-labelledby="dates-heading">
				<div className="card-header">
					<h2 id="dates-heading">Phase dates</h2>
				</div>
				<Feedback answer={actionData?.about === 'dates' ? actionData : null} />
				{manage ? (
					<>
						<p className="card-hint">
							Phases run in order without overlapping and end by the publication date. Past dates are kept for
							work already done.
						</p>
						<PhaseDatesForm
							key={
								phases.map((phase) => `${phase.startsOn}${phase.endsOn}${phase.status}`).join() +
								publicationDate
							}
							phases={phases}
							publicationDate={publicationDate}
							context={datesContext}
							lastResult={resultFor('dates')}
							busy={busy}
						/>
					</>
				) : (
					<PhaseDatesTable phases={phases} publicationDate={publicationDate} />
				)}
			</section>

			<section className="card" aria-labelledby="milestones-heading">
				<div className="card-header">
					<h2 id="milestones-heading">Milestones</h2>
				</div>
				<Feedback answer={actionData?.about === 'milestones' ? actionData : null} />
				{phases.map((phase) => (
					<section key={phase.id} className="milestone-phase" aria-labelledby={`milestones-${phase.kind}`}>
						<h3 id={`milestones-${phase.kind}`} className="subheading">
							{PHASE_LABELS[phase.kind]}
						</h3>
						<MilestoneList
							milestones={phase.milestones}
							today={today}
							controls={
								manage
									? {
											context: milestoneContext,
											formId: actionData?.formId ?? null,
											lastResult: actionData?.result,
											busy,
										}
									: null
							}
						/>
					</section>
				))}
				{manage ? (
					<>
						<h3 className="subheading">Add a milestone</h3>
						<MilestoneCreateForm
							phases={phases}
							defaultPhaseId={current?.id}
							context={milestoneContext}
							lastResult={resultFor('milestone-create')}
							busy={busy}
						/>
					</>
				) : null}
			</section>
		</>
	)
}
