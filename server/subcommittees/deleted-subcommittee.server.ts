import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { activity } from '#db/schema/index.ts'

/**
 * The name a deleted subcommittee had, read from the activity log, so the page a deletion lands on
 * can say what went. Reading it from the log (not the URL) means a crafted link cannot make the
 * page announce a deletion that never happened.
 */
export function getDeletedSubcommitteeName(
	db: Db,
	taskForceId: string,
	subcommitteeId: string,
): string | null {
	const row = db
		.select({ data: activity.data })
		.from(activity)
		.where(
			and(
				eq(activity.taskForceId, taskForceId),
				eq(activity.verb, 'subcommittee.deleted'),
				eq(activity.subjectType, 'subcommittee'),
				eq(activity.subjectId, subcommitteeId),
			),
		)
		.get()
	const name = row?.data?.name
	return typeof name === 'string' ? name : null
}
