import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import {
	assignments,
	documents,
	organizations,
	sections,
	subcommitteeMembers,
	subcommittees,
} from '#db/schema/index.ts'
import type { AssignmentStatus, Sector } from '#shared/domain.ts'

/** An organization of the given sector. */
export function createOrganization(db: Db, sector: Sector, name = `${sector} ${createId().slice(0, 6)}`) {
	const organization = { id: createId(), name, sector }
	db.insert(organizations).values(organization).run()
	return organization
}

/** A subcommittee row as the operations read it (no members, no lead unless given). */
export function createSubcommitteeRow(
	db: Db,
	taskForceId: string,
	overrides: Partial<typeof subcommittees.$inferInsert> = {},
) {
	const id = overrides.id ?? createId()
	const row = {
		id,
		taskForceId,
		name: `Subcommittee ${id.slice(0, 4)}`,
		charge: '',
		leadUserId: null,
		...overrides,
	}
	db.insert(subcommittees).values(row).run()
	return { ...row, charge: row.charge ?? '', leadUserId: row.leadUserId ?? null }
}

/** Seats people at a subcommittee's table. */
export function seat(db: Db, subcommitteeId: string, ...userIds: string[]) {
	for (const userId of userIds) db.insert(subcommitteeMembers).values({ subcommitteeId, userId }).run()
}

/** An assignment of a subcommittee, `todo` unless told. */
export function createAssignment(
	db: Db,
	taskForceId: string,
	subcommitteeId: string,
	overrides: Partial<typeof assignments.$inferInsert> & { status?: AssignmentStatus } = {},
) {
	const row = {
		id: createId(),
		taskForceId,
		subcommitteeId,
		phaseKind: 'writing' as const,
		title: 'Draft the use cases',
		createdAt: Date.now(),
		updatedAt: Date.now(),
		...overrides,
	}
	db.insert(assignments).values(row).run()
	return row
}

/** A document with one section owned by the subcommittee. */
export function createOwnedSection(
	db: Db,
	taskForceId: string,
	subcommitteeId: string | null,
	title = 'Use cases',
) {
	const documentId = createId()
	db.insert(documents).values({ id: documentId, taskForceId, title: 'Guidebook' }).run()
	const section = { id: createId(), documentId, subcommitteeId, title, position: 1 }
	db.insert(sections).values(section).run()
	return section
}
