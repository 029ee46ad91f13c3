import { eq, min } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { phases } from '#db/schema/index.ts'
import type { Run } from '#shared/validation/assignments.ts'

/** The task force's run, the range every due date must fall in: first phase start to publication date. */
export function getRun(db: Queryable, taskForce: { id: string; publicationDate: string }): Run {
	const row = db
		.select({ startsOn: min(phases.startsOn) })
		.from(phases)
		.where(eq(phases.taskForceId, taskForce.id))
		.get()
	return { startsOn: row?.startsOn ?? null, endsOn: taskForce.publicationDate }
}
