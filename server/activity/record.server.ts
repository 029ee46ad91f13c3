import type { Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { activity } from '#db/schema/index.ts'

export type ActivityEntry = {
	taskForceId?: string | null
	actorId: string | null
	verb: string
	subjectType: string
	subjectId?: string | null
	/** Facts worth keeping. Never passwords or tokens. */
	data?: Record<string, unknown>
}

/** Appends one entry to the audit trail and activity feed. */
export function recordActivity(db: Queryable, entry: ActivityEntry, now = Date.now()) {
	db.insert(activity)
		.values({
			id: createId(),
			taskForceId: entry.taskForceId ?? null,
			actorId: entry.actorId,
			verb: entry.verb,
			subjectType: entry.subjectType,
			subjectId: entry.subjectId ?? null,
			data: entry.data ?? null,
			at: now,
		})
		.run()
}
