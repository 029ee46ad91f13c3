import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import {
	docUpdates,
	memberships,
	organizations,
	sectionVersionAuthors,
	sectionVersions,
	subcommitteeMembers,
	subcommittees,
	users,
} from '#db/schema/index.ts'
import {
	buildContributors,
	type CreditSource,
	type EditionContributors,
} from '#shared/publication/contributors.ts'

function people(db: Queryable, ids: readonly string[]): Map<string, CreditSource> {
	if (ids.length === 0) return new Map()
	const rows = db
		.select({
			id: users.id,
			name: users.name,
			organization: organizations.name,
			sector: organizations.sector,
			creditAs: users.creditAs,
		})
		.from(users)
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.where(inArray(users.id, [...new Set(ids)]))
		.all()
	return new Map(rows.map(({ id, ...person }) => [id, person]))
}

/**
 * Who a section's stored history names as having changed it: the people of its log rows not yet
 * folded into a snapshot, and the people each stored version records. Never guessed from roles.
 */
function sectionAuthorIds(db: Queryable, sectionId: string): string[] {
	const fromLog = db
		.selectDistinct({ userId: docUpdates.userId })
		.from(docUpdates)
		.where(eq(docUpdates.docId, sectionId))
		.all()
	const fromVersions = db
		.selectDistinct({ userId: sectionVersionAuthors.userId })
		.from(sectionVersionAuthors)
		.innerJoin(sectionVersions, eq(sectionVersions.id, sectionVersionAuthors.versionId))
		.where(eq(sectionVersions.sectionId, sectionId))
		.all()
	return [...new Set([...fromLog, ...fromVersions].map((row) => row.userId).filter((id) => id !== null))]
}

/** The credits of an edition as the database has them now (`buildContributors`). */
export function computeContributors(
	db: Queryable,
	input: { taskForceId: string; sections: readonly { id: string; title: string }[] },
): EditionContributors {
	const coChairIds = db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, input.taskForceId), eq(memberships.role, 'co_chair')))
		.all()
		.map((row) => row.userId)
	const seats = db
		.select({
			subcommitteeId: subcommittees.id,
			name: subcommittees.name,
			userId: subcommitteeMembers.userId,
		})
		.from(subcommittees)
		.innerJoin(subcommitteeMembers, eq(subcommitteeMembers.subcommitteeId, subcommittees.id))
		.innerJoin(
			memberships,
			and(eq(memberships.userId, subcommitteeMembers.userId), eq(memberships.taskForceId, input.taskForceId)),
		)
		.where(eq(subcommittees.taskForceId, input.taskForceId))
		.orderBy(asc(subcommittees.name))
		.all()
	const authors = input.sections.map((section) => ({
		title: section.title,
		ids: sectionAuthorIds(db, section.id),
	}))
	const known = people(db, [
		...coChairIds,
		...seats.map((seat) => seat.userId),
		...authors.flatMap((a) => a.ids),
	])
	const resolve = (ids: readonly string[]) =>
		ids.map((id) => known.get(id)).filter((person): person is CreditSource => person !== undefined)

	const bySubcommittee = new Map<string, { name: string; ids: string[] }>()
	for (const seat of seats) {
		const entry = bySubcommittee.get(seat.subcommitteeId) ?? { name: seat.name, ids: [] }
		bySubcommittee.set(seat.subcommitteeId, entry)
		entry.ids.push(seat.userId)
	}
	return buildContributors({
		coChairs: resolve(coChairIds),
		subcommittees: [...bySubcommittee.values()].map((entry) => ({
			name: entry.name,
			members: resolve(entry.ids),
		})),
		sections: authors.map((entry) => ({ title: entry.title, authors: resolve(entry.ids) })),
	})
}
