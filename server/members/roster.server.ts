import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { memberships, organizations, users } from '#db/schema/index.ts'
import type { Role, Sector } from '#shared/domain.ts'

export type RosterEntry = {
	id: string
	name: string
	title: string | null
	organization: string | null
	sector: Sector | null
	role: Role
}

const rosterOf = preparedQuery((db) =>
	db
		.select({
			id: users.id,
			name: users.name,
			title: users.title,
			organization: organizations.name,
			sector: organizations.sector,
			role: memberships.role,
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.where(eq(memberships.taskForceId, sql.placeholder('taskForceId')))
		.orderBy(asc(memberships.role), asc(users.name))
		.prepare(),
)

/** Everyone in a task force with organization and sector: co-chairs first, then by name. */
export function listRoster(db: Db, taskForceId: string): RosterEntry[] {
	return rosterOf(db).all({ taskForceId })
}
