import { asc, count, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { subcommitteeMembers, subcommittees, users } from '#db/schema/index.ts'

/** The task force's subcommittees with lead and member count, by name. */
export function listSubcommittees(db: Db, taskForceId: string) {
	return db
		.select({
			id: subcommittees.id,
			name: subcommittees.name,
			charge: subcommittees.charge,
			leadName: users.name,
			memberCount: count(subcommitteeMembers.userId),
		})
		.from(subcommittees)
		.leftJoin(users, eq(users.id, subcommittees.leadUserId))
		.leftJoin(subcommitteeMembers, eq(subcommitteeMembers.subcommitteeId, subcommittees.id))
		.where(eq(subcommittees.taskForceId, taskForceId))
		.groupBy(subcommittees.id)
		.orderBy(asc(subcommittees.name))
		.all()
}
