import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { organizations } from '#db/schema/index.ts'
import type { Sector } from '#shared/domain.ts'

/** Organizations for a picker, by name. */
export function listOrganizations(db: Db) {
	return db
		.select({ id: organizations.id, name: organizations.name, sector: organizations.sector })
		.from(organizations)
		.orderBy(asc(organizations.name))
		.all()
}

/**
 * The organization a form chose: an existing id, or a new name and sector — reusing an existing
 * organization of the same name (any letter case) rather than creating a twin.
 */
export function resolveOrganization(
	db: Db,
	choice: { organizationId?: string; newOrganizationName?: string; newOrganizationSector?: Sector },
): { id: string } | { error: string } {
	if (choice.organizationId) {
		const found = db
			.select({ id: organizations.id })
			.from(organizations)
			.where(eq(organizations.id, choice.organizationId))
			.get()
		return found ?? { error: 'That organization no longer exists; choose another.' }
	}
	const name = choice.newOrganizationName?.trim()
	if (!name || !choice.newOrganizationSector) return { error: 'Choose your organization, or add it.' }
	const existing = db
		.select({ id: organizations.id })
		.from(organizations)
		.where(sql`lower(${organizations.name}) = lower(${name})`)
		.get()
	if (existing) return existing
	const id = createId()
	db.insert(organizations).values({ id, name, sector: choice.newOrganizationSector }).run()
	return { id }
}
