import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'

/** A person's name, or null when there is no such account (or no id). */
export function getPersonName(db: Queryable, userId: string | null): string | null {
	if (!userId) return null
	return db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? null
}
