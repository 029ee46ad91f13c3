import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { documents, milestones, phases, sections, subcommittees, type taskForces } from '#db/schema/index.ts'
import { daysBetween, todayIn } from '#shared/dates.ts'
import type { SectionStatus } from '#shared/domain.ts'
import { DUE_SOON_DAYS, milestoneState } from '#shared/schedule.ts'

type TaskForce = typeof taskForces.$inferSelect

/**
 * Where a section stands against its due date. A section handed in for review (or approved) has
 * met it; otherwise the date decides, with the same "due soon" window as milestones.
 */
export type SectionDueState = 'delivered' | 'overdue' | 'due_soon' | 'upcoming'

/** A section's due-date state on `today`; null when it has no due date. */
function sectionDueState(
	section: { dueOn: string | null; status: SectionStatus },
	today: string,
): SectionDueState | null {
	if (section.status === 'in_review' || section.status === 'approved') return 'delivered'
	if (section.dueOn === null) return null
	const days = daysBetween(today, section.dueOn)
	if (days < 0) return 'overdue'
	return days <= DUE_SOON_DAYS ? 'due_soon' : 'upcoming'
}

/**
 * The sections of a task force's documents grouped into one lane per owning subcommittee, lanes in
 * the order their first section appears in the document. Sections nobody owns share a last lane.
 */
function listSectionLanes(db: Db, taskForceId: string, today: string) {
	const rows = db
		.select({
			id: sections.id,
			title: sections.title,
			dueOn: sections.dueOn,
			status: sections.status,
			subcommitteeId: sections.subcommitteeId,
			subcommitteeName: subcommittees.name,
		})
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.where(eq(documents.taskForceId, taskForceId))
		.orderBy(asc(documents.title), asc(sections.position))
		.all()
	const lanes = new Map<
		string,
		{ id: string | null; name: string; sections: ReturnType<typeof toSection>[] }
	>()
	function toSection(row: (typeof rows)[number]) {
		return {
			id: row.id,
			title: row.title,
			dueOn: row.dueOn,
			status: row.status,
			dueState: sectionDueState(row, today),
			daysUntilDue: row.dueOn === null ? null : daysBetween(today, row.dueOn),
		}
	}
	for (const row of rows.filter((entry) => entry.subcommitteeId !== null)) {
		const key = row.subcommitteeId as string
		const lane = lanes.get(key) ?? { id: key, name: row.subcommitteeName ?? 'Subcommittee', sections: [] }
		lane.sections.push(toSection(row))
		lanes.set(key, lane)
	}
	const unowned = rows.filter((entry) => entry.subcommitteeId === null)
	if (unowned.length > 0)
		lanes.set('', { id: null, name: 'No subcommittee', sections: unowned.map(toSection) })
	return [...lanes.values()]
}

/**
 * The timeline: each phase in order with its milestones by due date, every milestone's state worked
 * out for the task force's own `today`, and the section due dates in one lane per subcommittee.
 */
export function getTimeline(db: Db, taskForce: TaskForce, now: Date) {
	const today = todayIn(taskForce.timeZone, now)
	const phaseRows = db
		.select({
			id: phases.id,
			kind: phases.kind,
			startsOn: phases.startsOn,
			endsOn: phases.endsOn,
			status: phases.status,
		})
		.from(phases)
		.where(eq(phases.taskForceId, taskForce.id))
		.orderBy(asc(phases.position))
		.all()
	const milestoneRows = db
		.select({
			id: milestones.id,
			phaseId: milestones.phaseId,
			title: milestones.title,
			dueOn: milestones.dueOn,
			completedAt: milestones.completedAt,
			waivedReason: milestones.waivedReason,
		})
		.from(milestones)
		.where(eq(milestones.taskForceId, taskForce.id))
		.orderBy(asc(milestones.dueOn), asc(milestones.title))
		.all()
	return {
		today,
		publicationDate: taskForce.publicationDate,
		daysToPublication: daysBetween(today, taskForce.publicationDate),
		phases: phaseRows.map((phase) => ({
			...phase,
			milestones: milestoneRows
				.filter((milestone) => milestone.phaseId === phase.id)
				.map(({ phaseId: _, ...milestone }) => ({
					...milestone,
					state: milestoneState(milestone, today),
					daysUntilDue: daysBetween(today, milestone.dueOn),
				})),
		})),
		lanes: listSectionLanes(db, taskForce.id, today),
	}
}

export type Timeline = ReturnType<typeof getTimeline>
