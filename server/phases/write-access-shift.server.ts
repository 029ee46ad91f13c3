import { and, eq, isNull } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { documents, memberships, sections, subcommitteeMembers, subcommittees } from '#db/schema/index.ts'
import type { WriteRelation, WriteShift, WriteShiftSummary } from '#shared/phase-change.ts'
import { sectionAccess } from '../policies/section.server.ts'
import { belongsTo, leads } from '../policies/task-force.server.ts'
import type { Membership, SectionFacts, TaskForceState } from '../policies/types.ts'

type Section = SectionFacts & { id: string }

/** Every member of a task force with the subcommittees they sit at and lead, in one read. */
function taskForceMemberships(db: Queryable, taskForceId: string): Map<string, Membership> {
	const seats = db
		.select({ userId: subcommitteeMembers.userId, subcommitteeId: subcommitteeMembers.subcommitteeId })
		.from(subcommitteeMembers)
		.innerJoin(subcommittees, eq(subcommittees.id, subcommitteeMembers.subcommitteeId))
		.where(eq(subcommittees.taskForceId, taskForceId))
		.all()
	const led = db
		.select({ id: subcommittees.id, leadUserId: subcommittees.leadUserId })
		.from(subcommittees)
		.where(eq(subcommittees.taskForceId, taskForceId))
		.all()
	const people = new Map<string, Membership & { subcommitteeIds: string[]; leadsSubcommitteeIds: string[] }>()
	for (const row of db
		.select({ userId: memberships.userId, role: memberships.role })
		.from(memberships)
		.where(eq(memberships.taskForceId, taskForceId))
		.all()) {
		people.set(row.userId, { role: row.role, subcommitteeIds: [], leadsSubcommitteeIds: [] })
	}
	for (const seat of seats) people.get(seat.userId)?.subcommitteeIds.push(seat.subcommitteeId)
	for (const row of led) if (row.leadUserId) people.get(row.leadUserId)?.leadsSubcommitteeIds.push(row.id)
	return people
}

function outlineSections(db: Queryable, taskForceId: string): Section[] {
	return db
		.select({ id: sections.id, subcommitteeId: sections.subcommitteeId, status: sections.status })
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(documents.taskForceId, taskForceId))
		.all()
}

/** How a person stands to a section, as the policy's columns name it; null for "reads it anyway". */
function relation(membership: Membership, section: Section): WriteRelation | null {
	if (membership.role === 'observer') return null
	if (membership.role === 'co_chair') return 'co_chair'
	if (leads(membership, section.subcommitteeId)) return 'lead'
	if (belongsTo(membership, section.subcommitteeId)) return 'member'
	return null
}

const RELATIONS: readonly WriteRelation[] = ['member', 'lead', 'co_chair']

type Tally = { people: Set<string>; subcommittees: Set<string>; sections: Set<string> }

function tally(): Tally {
	return { people: new Set(), subcommittees: new Set(), sections: new Set() }
}

function shifts(tallies: Map<WriteRelation, Tally>): WriteShift[] {
	return RELATIONS.flatMap((relation) => {
		const found = tallies.get(relation)
		if (!found || found.people.size === 0) return []
		return [
			{
				relation,
				people: found.people.size,
				subcommittees: found.subcommittees.size,
				sections: found.sections.size,
			},
		]
	})
}

/**
 * Who would lose or gain write access to which sections if the task force went from `before` to
 * `after` (an advance, a reopening): every member against every section on the outline, asked of
 * the section policy itself — so the confirmation says exactly what the change will do.
 */
export function writeAccessShift(
	db: Queryable,
	taskForceId: string,
	before: TaskForceState,
	after: TaskForceState,
): WriteShiftSummary {
	const people = taskForceMemberships(db, taskForceId)
	const outline = outlineSections(db, taskForceId)
	const loses = new Map<WriteRelation, Tally>()
	const gains = new Map<WriteRelation, Tally>()
	const wrote = new Set<WriteRelation>()
	for (const [userId, membership] of people) {
		const person = { id: userId, isAdmin: false }
		for (const section of outline) {
			const standing = relation(membership, section)
			if (!standing) continue
			const then = sectionAccess(person, membership, before, section).access === 'write'
			const now = sectionAccess(person, membership, after, section).access === 'write'
			if (then) wrote.add(standing)
			if (then === now) continue
			const tallies = then ? loses : gains
			const entry = tallies.get(standing) ?? tally()
			tallies.set(standing, entry)
			entry.people.add(userId)
			entry.sections.add(section.id)
			if (section.subcommitteeId) entry.subcommittees.add(section.subcommitteeId)
		}
	}
	return {
		loses: shifts(loses),
		gains: shifts(gains),
		keeps: RELATIONS.filter((relation) => wrote.has(relation) && !loses.has(relation)),
		sections: outline.length,
	}
}
