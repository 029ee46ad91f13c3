import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import {
	documents,
	organizations,
	sections,
	subcommitteeMembers,
	subcommittees,
	users,
} from '#db/schema/index.ts'
import { SECTORS, type Sector } from '#shared/domain.ts'

/** The task force's subcommittees with lead and member count, by name. */
const subcommitteesOf = preparedQuery((db) =>
	db
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
		.where(eq(subcommittees.taskForceId, sql.placeholder('taskForceId')))
		.groupBy(subcommittees.id)
		.orderBy(asc(subcommittees.name))
		.prepare(),
)

export function listSubcommittees(db: Db, taskForceId: string) {
	return subcommitteesOf(db).all({ taskForceId })
}

/** How many of a subcommittee's members come from each sector; `null` for people without an organization. */
export type SectorCount = { sector: Sector | null; count: number }

function sectorRank(sector: Sector | null) {
	return sector ? SECTORS.indexOf(sector) : SECTORS.length
}

/**
 * The subcommittees page: each subcommittee with lead, member count, sector mix (in the order of
 * SECTORS, so every subcommittee's bar reads the same way) and the sections it owns.
 */
export function listSubcommitteeDetails(db: Db, taskForceId: string) {
	const sectorRows = db
		.select({
			subcommitteeId: subcommitteeMembers.subcommitteeId,
			sector: organizations.sector,
			count: count(),
		})
		.from(subcommitteeMembers)
		.innerJoin(subcommittees, eq(subcommittees.id, subcommitteeMembers.subcommitteeId))
		.innerJoin(users, eq(users.id, subcommitteeMembers.userId))
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.where(eq(subcommittees.taskForceId, taskForceId))
		.groupBy(subcommitteeMembers.subcommitteeId, organizations.sector)
		.all()
	const sectionRows = db
		.select({ id: sections.id, title: sections.title, subcommitteeId: sections.subcommitteeId })
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(documents.taskForceId, taskForceId))
		.orderBy(asc(documents.title), asc(sections.position))
		.all()
	return listSubcommittees(db, taskForceId).map((subcommittee) => ({
		...subcommittee,
		sectors: sectorRows
			.filter((row) => row.subcommitteeId === subcommittee.id)
			.map(({ sector, count }): SectorCount => ({ sector, count }))
			.sort((a, b) => sectorRank(a.sector) - sectorRank(b.sector)),
		sections: sectionRows
			.filter((row) => row.subcommitteeId === subcommittee.id)
			.map(({ id, title }) => ({ id, title })),
	}))
}
