import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import {
	activity,
	assignments,
	memberships,
	milestones,
	phases,
	subcommittees,
	type taskForces,
	taskForces as taskForcesTable,
} from '#db/schema/index.ts'
import { formatDate } from '#shared/dates.ts'
import { ASSIGNMENT_STATUS_LABELS, PHASE_LABELS } from '#shared/labels.ts'
import { type IcsEvent, serializeCalendar } from './ics.server.ts'
import { findCalendarFeedOwner } from './subscriptions.server.ts'

type TaskForce = Pick<typeof taskForces.$inferSelect, 'id' | 'slug' | 'name' | 'publicationDate'>

/**
 * The activity verb that records a change of a task force's publication date. Task forces have no
 * `revision` column, so the publication event's SEQUENCE counts these entries instead.
 */
export const PUBLICATION_DATE_CHANGED = 'task_force.publication_date_changed'

const DOMAIN = 'convene'

type Options = {
	/** Our origin, for links back to the pages behind each event. */
	origin: string
	now: Date
}

function publicationSequence(db: Db, taskForceId: string): number {
	const row = db
		.select({ n: count() })
		.from(activity)
		.where(and(eq(activity.taskForceId, taskForceId), eq(activity.verb, PUBLICATION_DATE_CHANGED)))
		.get()
	return row?.n ?? 0
}

/**
 * One task force's events for one person: each phase as an all-day span, each milestone on its
 * due date, the publication date, and the assignments given to that person (not their
 * subcommittee's: a calendar is for what is on one's own plate). With `labelled`, every summary
 * names the task force, for feeds that mix several.
 */
function taskForceEvents(
	db: Db,
	taskForce: TaskForce,
	userId: string,
	options: { origin: string; labelled: boolean },
): IcsEvent[] {
	const base = `${options.origin}/t/${taskForce.slug}`
	const suffix = options.labelled ? ` · ${taskForce.name}` : ''
	const phaseRows = db
		.select()
		.from(phases)
		.where(eq(phases.taskForceId, taskForce.id))
		.orderBy(asc(phases.position))
		.all()
	const events: IcsEvent[] = phaseRows.map((phase) => ({
		uid: `phase-${phase.id}@${DOMAIN}`,
		summary: `${PHASE_LABELS[phase.kind]} phase${suffix}`,
		description: `The ${PHASE_LABELS[phase.kind].toLowerCase()} phase of ${taskForce.name}, ${formatDate(phase.startsOn)} to ${formatDate(phase.endsOn)}.`,
		startsOn: phase.startsOn,
		endsOn: phase.endsOn,
		sequence: phase.revision,
		categories: ['Phase', taskForce.name],
		url: `${base}/timeline`,
	}))

	const phaseKinds = new Map(phaseRows.map((phase) => [phase.id, phase.kind]))
	for (const milestone of db
		.select()
		.from(milestones)
		.where(eq(milestones.taskForceId, taskForce.id))
		.orderBy(asc(milestones.dueOn))
		.all()) {
		const kind = phaseKinds.get(milestone.phaseId)
		const state = milestone.completedAt !== null ? 'done' : milestone.waivedReason ? 'waived' : null
		const lines = [`Milestone of ${kind ? `the ${PHASE_LABELS[kind]} phase of ` : ''}${taskForce.name}.`]
		if (state === 'done') lines.push('Done.')
		if (state === 'waived') lines.push(`Waived: ${milestone.waivedReason}`)
		events.push({
			uid: `milestone-${milestone.id}@${DOMAIN}`,
			summary: `Milestone: ${milestone.title}${state ? ` (${state})` : ''}${suffix}`,
			description: lines.join('\n'),
			startsOn: milestone.dueOn,
			sequence: milestone.revision,
			categories: ['Milestone', taskForce.name],
			url: `${base}/timeline#milestone-${milestone.id}`,
		})
	}

	events.push({
		uid: `publication-${taskForce.id}@${DOMAIN}`,
		summary: `Publication: ${taskForce.name}`,
		description: `The day ${taskForce.name} publishes its work.`,
		startsOn: taskForce.publicationDate,
		sequence: publicationSequence(db, taskForce.id),
		categories: ['Publication', taskForce.name],
		url: `${base}/timeline`,
	})

	const own = db
		.select({
			id: assignments.id,
			title: assignments.title,
			details: assignments.details,
			dueOn: assignments.dueOn,
			status: assignments.status,
			blockedReason: assignments.blockedReason,
			revision: assignments.revision,
			subcommittee: subcommittees.name,
		})
		.from(assignments)
		.innerJoin(subcommittees, eq(subcommittees.id, assignments.subcommitteeId))
		.where(
			and(
				eq(assignments.taskForceId, taskForce.id),
				eq(assignments.assigneeId, userId),
				isNotNull(assignments.dueOn),
			),
		)
		.orderBy(asc(assignments.dueOn))
		.all()
	for (const assignment of own) {
		const status = ASSIGNMENT_STATUS_LABELS[assignment.status]
		const lines = [`${status}. Your assignment for ${assignment.subcommittee}, ${taskForce.name}.`]
		if (assignment.status === 'blocked' && assignment.blockedReason)
			lines.push(`Blocked: ${assignment.blockedReason}`)
		if (assignment.details) lines.push('', assignment.details)
		events.push({
			uid: `assignment-${assignment.id}@${DOMAIN}`,
			summary: `Due: ${assignment.title}${assignment.status === 'done' ? ' (done)' : ''}${suffix}`,
			description: lines.join('\n'),
			startsOn: assignment.dueOn as string,
			sequence: assignment.revision,
			categories: ['Assignment', taskForce.name],
			url: `${base}/assignments/${assignment.id}`,
		})
	}
	return events
}

/** The `.ics` text of one task force for a signed-in member. */
export function buildTaskForceCalendar(
	db: Db,
	taskForce: TaskForce,
	userId: string,
	options: Options,
): string {
	return serializeCalendar({
		name: `${taskForce.name} (Convene)`,
		description: `Phases, milestones, publication and your assignments in ${taskForce.name}.`,
		stamp: options.now,
		events: taskForceEvents(db, taskForce, userId, { origin: options.origin, labelled: false }),
	})
}

/** The `.ics` text of every task force a person belongs to. */
export function buildPersonalCalendar(db: Db, userId: string, options: Options): string {
	const joined = db
		.select({
			id: taskForcesTable.id,
			slug: taskForcesTable.slug,
			name: taskForcesTable.name,
			publicationDate: taskForcesTable.publicationDate,
		})
		.from(memberships)
		.innerJoin(taskForcesTable, eq(taskForcesTable.id, memberships.taskForceId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(taskForcesTable.name))
		.all()
	return serializeCalendar({
		name: 'Convene: my task forces',
		description:
			'Phases, milestones, publication dates and your assignments in every task force you belong to.',
		stamp: options.now,
		events: joined.flatMap((taskForce) =>
			taskForceEvents(db, taskForce, userId, { origin: options.origin, labelled: true }),
		),
	})
}

/**
 * The personal subscription behind a token, as `.ics` text; null when the token is unknown or
 * revoked (or its account disabled), which the route answers with 404.
 */
export function personalCalendarForToken(db: Db, token: string, options: Options): string | null {
	const owner = findCalendarFeedOwner(db, token)
	return owner ? buildPersonalCalendar(db, owner.id, options) : null
}
