import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { assignments, subcommittees, users } from '#db/schema/index.ts'

/** Every assignment of a task force with its subcommittee and assignee, soonest due first, undated last. */
export function listAssignments(db: Db, taskForceId: string) {
	return db
		.select({
			id: assignments.id,
			title: assignments.title,
			subcommittee: subcommittees.name,
			assignee: users.name,
			phaseKind: assignments.phaseKind,
			dueOn: assignments.dueOn,
			status: assignments.status,
		})
		.from(assignments)
		.innerJoin(subcommittees, eq(subcommittees.id, assignments.subcommitteeId))
		.leftJoin(users, eq(users.id, assignments.assigneeId))
		.where(eq(assignments.taskForceId, taskForceId))
		.orderBy(
			sql`${assignments.dueOn} is null`,
			asc(assignments.dueOn),
			asc(subcommittees.name),
			asc(assignments.title),
		)
		.all()
}
