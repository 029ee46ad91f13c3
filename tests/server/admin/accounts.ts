import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { users } from '#db/schema/index.ts'

/** An account row written directly (no password hashing), for tests that only need someone to exist. */
export function insertAccount(db: Db, email: string, overrides: { name?: string; disabledAt?: number } = {}) {
	const id = createId()
	db.insert(users)
		.values({
			id,
			email,
			name: overrides.name ?? 'Ada Lovelace',
			createdAt: 0,
			disabledAt: overrides.disabledAt ?? null,
		})
		.run()
	return id
}
