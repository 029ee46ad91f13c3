import { getServices } from '#server/context.server.ts'
import { exportRecords } from '#server/publication/records-export.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import type { Route } from './+types/records-archive'

/**
 * The task force's records archive as a ZIP download: every section's versions, comment threads,
 * review decisions and the activity log, with a manifest of hashes. Co-chairs, and members for
 * their organization (`canExportRecords`); observers get 403, non-members 404.
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const access = requireTaskForceAccess(context, request, params.slug)
	const archive = exportRecords(db, {
		taskForceId: access.taskForce.id,
		viewer: access.viewer,
		now: now().getTime(),
	})
	return new Response(Buffer.from(archive.zip), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Disposition': `attachment; filename="${archive.fileName}"`,
			'Cache-Control': 'private, no-store',
		},
	})
}
