import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canExportRecords } from '../policies/publication.server.ts'
import { getMembership } from '../task-forces/membership.server.ts'
import { buildRecordsArchive } from './records-archive.server.ts'

/**
 * Exports the records archive for a person allowed to (`canExportRecords`: a co-chair, or a member
 * for their organization), and records that they did (`records.exported`): who took a copy of the
 * records is itself a record.
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
