import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { documents, phases, sections, type taskForces } from '#db/schema/index.ts'
import { describeActivity } from '#shared/activity.ts'
import { daysBetween, formatDateTime, formatRelativeTime, todayIn } from '#shared/dates.ts'
import { SECTION_STATUSES, SECTORS, type SectionStatus } from '#shared/domain.ts'
import { getNeedsAttention } from '../assignments/attention.server.ts'
import { getMyWork } from '../assignments/my-work.server.ts'
import { listRoster } from '../members/roster.server.ts'
import type { Membership } from '../policies/types.ts'
import { listSubcommittees } from '../subcommittees/lists.server.ts'
import { listActivity } from '../task-forces/activity.server.ts'

type TaskForce = typeof taskForces.$inferSelect

/** How many members the dashboard lists; the Members page has everyone. */
const ROSTER_PREVIEW = 10
/** How many recent events the dashboard shows; the Activity page has the rest. */
const RECENT_ACTIVITY = 8

/** A task force's phases in order. */
const phasesOf = preparedQuery((db) =>
	db
		.select({ kind: phases.kind, startsOn: phases.startsOn, endsOn: phases.endsOn, status: phases.status })
		.from(phases)
		.where(eq(phases.taskForceId, sql.placeholder('taskForceId')))
		.orderBy(asc(phases.position))
		.prepare(),
)

function listPhases(db: Db, taskForceId: string) {
	return phasesOf(db).all({ taskForceId })
}

/** Each document's sections counted by status, with words written against the words planned. */
const sectionProgressOf = preparedQuery((db) =>
	db
		.select({
			documentId: documents.id,
			document: documents.title,
			status: sections.status,
			wordCount: sections.wordCount,
			targetWords: sections.targetWords,
		})
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(documents.taskForceId, sql.placeholder('taskForceId')))
		.orderBy(asc(documents.title), asc(sections.position))
		.prepare(),
)

export function getSectionProgress(db: Db, taskForceId: string) {
	const rows = sectionProgressOf(db).all({ taskForceId })
	const byDocument = new Map<
		string,
		{
			id: string
			title: string
			sections: number
			words: number
			target: number
			byStatus: Record<SectionStatus, number>
		}
	>()
	for (const row of rows) {
		const entry = byDocument.get(row.documentId) ?? {
			id: row.documentId,
			title: row.document,
			sections: 0,
			words: 0,
			target: 0,
			byStatus: Object.fromEntries(SECTION_STATUSES.map((status) => [status, 0])) as Record<
				SectionStatus,
				number
			>,
		}
		entry.sections++
		entry.words += row.wordCount
		entry.target += row.targetWords ?? 0
		entry.byStatus[row.status]++
		byDocument.set(row.documentId, entry)
	}
	return [...byDocument.values()]
}

/** The latest events as sentences, worded on the server so the browser hydrates the same text. */
function getRecentActivity(db: Db, taskForce: TaskForce, now: Date) {
	return listActivity(db, taskForce.id, RECENT_ACTIVITY).map((entry) => ({
		id: entry.id,
		actor: entry.actor,
		sentence: describeActivity(entry.verb, entry.data, entry.subject),
		iso: new Date(entry.at).toISOString(),
		exact: formatDateTime(entry.at, taskForce.timeZone),
		relative: formatRelativeTime(entry.at, now.getTime()),
	}))
}

/** Head counts for the dashboard: members, organizations, sectors, and the first few people. */
function summarizeRoster(db: Db, taskForceId: string) {
	const roster = listRoster(db, taskForceId)
	return {
		memberCount: roster.length,
		organizationCount: new Set(roster.map((person) => person.organization).filter(Boolean)).size,
		sectorCounts: SECTORS.map((sector) => ({
			sector,
			count: roster.filter((person) => person.sector === sector).length,
		})).filter((entry) => entry.count > 0),
		rosterPreview: roster.slice(0, ROSTER_PREVIEW),
	}
}

/**
 * Everything the dashboard shows. `today` is the task force's own calendar date, so "days left"
 * means the same thing to everyone in it. With a viewer, also their work.
 */
export function getDashboard(
	db: Db,
	taskForce: TaskForce,
	now: Date,
	viewer?: { id: string; membership: Membership },
) {
	const today = todayIn(taskForce.timeZone, now)
	const phaseRows = listPhases(db, taskForce.id)
	const current = phaseRows.find((phase) => phase.status === 'active') ?? null
	return {
		today,
		phases: phaseRows,
		currentPhase: current ? { ...current, daysLeft: daysBetween(today, current.endsOn) } : null,
		daysToPublication: daysBetween(today, taskForce.publicationDate),
		subcommittees: listSubcommittees(db, taskForce.id),
		...summarizeRoster(db, taskForce.id),
		myWork: viewer
			? getMyWork(db, {
					taskForceId: taskForce.id,
					viewerId: viewer.id,
					membership: viewer.membership,
					today,
				})
			: null,
		attention: getNeedsAttention(db, taskForce.id, today),
		sectionProgress: getSectionProgress(db, taskForce.id),
		recentActivity: getRecentActivity(db, taskForce, now),
	}
}
