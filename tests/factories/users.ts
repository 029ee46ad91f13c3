import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { memberships, taskForces, users } from '#db/schema/index.ts'
import type { Role } from '#shared/domain.ts'

/** A person with an account; password hash optional (most tests do not sign in with it). */
export function createUser(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
	const id = overrides.id ?? createId()
	const user = {
		id,
		email: `${id}@example.gov`,
		name: `Person ${id.slice(0, 4)}`,
		createdAt: Date.now(),
		isAdmin: false,
		...overrides,
	}
	db.insert(users).values(user).run()
	return user
}

/** An active task force. */
export function createTaskForce(db: Db, overrides: Partial<typeof taskForces.$inferInsert> = {}) {
	const id = overrides.id ?? createId()
	const taskForce = {
		id,
		slug: `tf-${id.slice(0, 6)}`,
		name: `Task force ${id.slice(0, 4)}`,
		timeZone: 'America/Chicago',
		publicationDate: '2027-04-27',
		createdAt: Date.now(),
		...overrides,
	}
	db.insert(taskForces).values(taskForce).run()
	return taskForce
}

export function addMember(db: Db, taskForceId: string, userId: string, role: Role = 'member') {
	db.insert(memberships).values({ taskForceId, userId, role, joinedAt: Date.now() }).run()
}
