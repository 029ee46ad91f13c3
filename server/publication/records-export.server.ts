import { and, count, eq, gt, min } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { activity, organizations } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { windowWait } from '../http/window-wait.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canExportRecords } from '../policies/publication.server.ts'
import { getMembership } from '../task-forces/membership.server.ts'
import { buildRecordsArchive } from './records-archive.server.ts'

/**
 * Exports one person may make, and all people of one task force together, per `EXPORT_WINDOW_MS`.
 * An export of a large task force holds the event loop for a while (every version of every
 * section is decoded and zipped); people keep a copy now and then, so these never stand in a
 * real person's way, and a script asking in a loop is stopped after a few.
 */
export const EXPORT_LIMITS = { perPerson: 5, perTaskForce: 20 } as const
const EXPORT_WINDOW_MS = 10 * 60_000

/**
 * A 429 saying when to try again if the person, or the task force, has had its exports of the last
 * ten minutes; counted from the `records.exported` entries of the activity log, so the limit holds
 * across restarts.
 */
function exportRefusal(db: Db, taskForceId: string, personId: string, now: number): Response | null {
	const since = gt(activity.at, now - EXPORT_WINDOW_MS)
	const exported = eq(activity.verb, 'records.exported')
	for (const [scope, limit, message] of [
		[
			eq(activity.actorId, personId),
			EXPORT_LIMITS.perPerson,
			`You have exported the records ${EXPORT_LIMITS.perPerson} times in the last ten minutes.`,
		],
		[
			eq(activity.taskForceId, taskForceId),
			EXPORT_LIMITS.perTaskForce,
			`This task force's records have been exported ${EXPORT_LIMITS.perTaskForce} times in the last ten minutes.`,
		],
	] as const) {
		const row = db
			.select({ n: count(), oldest: min(activity.at) })
			.from(activity)
			.where(and(exported, since, scope))
			.get()
		if ((row?.n ?? 0) < limit) continue
		const wait = windowWait(row?.oldest ?? now, EXPORT_WINDOW_MS, now)
		return new Response(`${message} Please try again in ${wait.inMinutes}.`, {
			status: 429,
			headers: { 'Retry-After': String(wait.seconds), 'Content-Type': 'text/plain; charset=utf-8' },
		})
	}
	return null
}

/**
 * Exports the records archive for a person allowed to (`canExportRecords`: a co-chair, or a member
 * for their organization), and records that they did (`records.exported`): who took a copy of the
 * records is itself a record — and the count `EXPORT_LIMITS` are checked against.
 */
export function exportRecords(
	db: Db,
	input: {
		taskForceId: string
		viewer: { id: string; name: string; organizationId: string | null }
		now: number
	},
) {
	const membership = getMembership(db, input.taskForceId, input.viewer.id)
	if (!membership) throw notFound()
	authorize(
		canExportRecords(membership, input.viewer.organizationId !== null),
		'Co-chairs, and members for their own organization, export the records. Observers do not.',
	)
	const refusal = exportRefusal(db, input.taskForceId, input.viewer.id, input.now)
	if (refusal) throw refusal
	const organization =
		membership.role === 'co_chair' || input.viewer.organizationId === null
			? null
			: (db
					.select({ id: organizations.id, name: organizations.name })
					.from(organizations)
					.where(eq(organizations.id, input.viewer.organizationId))
					.get() ?? null)
	const archive = buildRecordsArchive(db, {
		taskForceId: input.taskForceId,
		exportedBy: { id: input.viewer.id, name: input.viewer.name },
		organization,
		now: input.now,
	})
	recordActivity(
		db,
		{
			taskForceId: input.taskForceId,
			actorId: input.viewer.id,
			verb: 'records.exported',
			subjectType: 'task_force',
			subjectId: input.taskForceId,
			data: {
				files: archive.manifest.files.length,
				...(organization ? { organization: organization.name } : {}),
			},
		},
		input.now,
	)
	return archive
}
