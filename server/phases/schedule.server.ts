import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { documents, milestones, phases, sections, type taskForces } from '#db/schema/index.ts'
import { todayIn } from '#shared/dates.ts'
import { type Gate, type GateSection, gateChecklist } from '#shared/gate.ts'
import { milestoneState } from '#shared/schedule.ts'
import type { MilestoneContext } from '#shared/validation/milestones.ts'
import type { PhaseDatesContext } from '#shared/validation/phases.ts'
import { openThreadCount } from '../task-forces/documents.server.ts'

type TaskForce = typeof taskForces.$inferSelect

/** A task force's phases in order, with everything the schedule page and the gate need. */
export function listSchedulePhases(db: Queryable, taskForceId: string) {
	return db
		.select({
			id: phases.id,
			kind: phases.kind,
			position: phases.position,
			startsOn: phases.startsOn,
			endsOn: phases.endsOn,
			status: phases.status,
			enteredAt: phases.enteredAt,
			completedAt: phases.completedAt,
			revision: phases.revision,
		})
		.from(phases)
		.where(eq(phases.taskForceId, taskForceId))
		.orderBy(asc(phases.position))
		.all()
}

/** Every milestone of a task force, by due date. */
export function listScheduleMilestones(db: Queryable, taskForceId: string) {
	return db
		.select({
			id: milestones.id,
			phaseId: milestones.phaseId,
			title: milestones.title,
			dueOn: milestones.dueOn,
			completedAt: milestones.completedAt,
			waivedReason: milestones.waivedReason,
		})
		.from(milestones)
		.where(eq(milestones.taskForceId, taskForceId))
		.orderBy(asc(milestones.dueOn), asc(milestones.title))
		.all()
}

/** Every section of the task force's documents, in reading order: what a gate checks. */
function listGateSections(db: Queryable, taskForceId: string): GateSection[] {
	return db
		.select({
			id: sections.id,
			title: sections.title,
			status: sections.status,
			documentId: documents.id,
			openThreads: openThreadCount,
			openSuggestions: sections.openSuggestions,
		})
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(documents.taskForceId, taskForceId))
		.orderBy(asc(documents.title), asc(sections.position))
		.all()
}

/**
 * The gate out of the current phase, computed from the rows as they are now; null when no phase
 * is current (a published task force).
 */
export function getCurrentGate(db: Queryable, taskForceId: string): Gate | null {
	const current = listSchedulePhases(db, taskForceId).find((phase) => phase.status === 'active')
	if (!current) return null
	return gateChecklist({
		from: current.kind,
		milestones: listScheduleMilestones(db, taskForceId).filter(
			(milestone) => milestone.phaseId === current.id,
		),
		sections: listGateSections(db, taskForceId),
	})
}

/** The facts phase dates are validated against (the same on the form and in the action). */
export function phaseDatesContext(
	taskForce: Pick<TaskForce, 'publicationDate'>,
	phaseRows: ReturnType<typeof listSchedulePhases>,
	milestoneRows: ReturnType<typeof listScheduleMilestones>,
	today: string,
): PhaseDatesContext {
	const first = milestoneRows[0]
	const last = milestoneRows.at(-1)
	return {
		today,
		publicationDate: taskForce.publicationDate,
		phases: phaseRows.map(({ kind, status, startsOn, endsOn }) => ({ kind, status, startsOn, endsOn })),
		firstMilestone: first ? { title: first.title, dueOn: first.dueOn } : null,
		lastMilestone: last ? { title: last.title, dueOn: last.dueOn } : null,
	}
}

/** The run milestones must fall in: the first phase's start to the publication date. */
export function milestoneContext(
	taskForce: Pick<TaskForce, 'publicationDate'>,
	phaseRows: ReturnType<typeof listSchedulePhases>,
): MilestoneContext {
	return {
		runStartsOn: phaseRows[0]?.startsOn ?? taskForce.publicationDate,
		runEndsOn: taskForce.publicationDate,
		phaseIds: phaseRows.map((phase) => phase.id),
	}
}

/**
 * Everything the phases page shows: phases with their milestones (each with its state on the task
 * force's `today`), the gate out of the current phase, and the validation contexts for the forms.
 */
export function getScheduleSettings(db: Queryable, taskForce: TaskForce, now: Date) {
	const today = todayIn(taskForce.timeZone, now)
	const phaseRows = listSchedulePhases(db, taskForce.id)
	const milestoneRows = listScheduleMilestones(db, taskForce.id)
	const current = phaseRows.find((phase) => phase.status === 'active') ?? null
	const gate = current
		? gateChecklist({
				from: current.kind,
				milestones: milestoneRows.filter((milestone) => milestone.phaseId === current.id),
				sections: listGateSections(db, taskForce.id),
			})
		: null
	return {
		today,
		publicationDate: taskForce.publicationDate,
		phases: phaseRows.map((phase) => ({
			...phase,
			milestones: milestoneRows
				.filter((milestone) => milestone.phaseId === phase.id)
				.map((milestone) => ({
					...milestone,
					state: milestoneState(milestone, today),
					// The calendar day it was marked done, as people in the task force's zone saw it.
					completedOn:
						milestone.completedAt === null
							? null
							: todayIn(taskForce.timeZone, new Date(milestone.completedAt)),
				})),
		})),
		gate,
		datesContext: phaseDatesContext(taskForce, phaseRows, milestoneRows, today),
		milestoneContext: milestoneContext(taskForce, phaseRows),
	}
}
