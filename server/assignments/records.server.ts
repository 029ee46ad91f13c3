import { and, asc, eq, isNull, ne } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Queryable } from '#db/client.server.ts'
import {
	assignments,
	documents,
	memberships,
	sections,
	subcommitteeMembers,
	subcommittees,
	users,
} from '#db/schema/index.ts'

const assignees = alias(users, 'assignees')
const creators = alias(users, 'creators')
const updaters = alias(users, 'updaters')

/** An assignment with the names a person reads: subcommittee, section, assignee, creator, last editor. */
export function getAssignmentDetail(db: Queryable, taskForceId: string, assignmentId: string) {
	return (
		db
			.select({
				id: assignments.id,
				title: assignments.title,
				details: assignments.details,
				subcommitteeId: assignments.subcommitteeId,
				subcommittee: subcommittees.name,
				sectionId: assignments.sectionId,
				section: sections.title,
				documentId: sections.documentId,
				assigneeId: assignments.assigneeId,
				assignee: assignees.name,
				phaseKind: assignments.phaseKind,
				dueOn: assignments.dueOn,
				status: assignments.status,
				blockedReason: assignments.blockedReason,
				createdBy: creators.name,
				createdAt: assignments.createdAt,
				updatedBy: updaters.name,
				updatedAt: assignments.updatedAt,
				completedAt: assignments.completedAt,
				revision: assignments.revision,
			})
			.from(assignments)
			.innerJoin(subcommittees, eq(subcommittees.id, assignments.subcommitteeId))
			.leftJoin(sections, eq(sections.id, assignments.sectionId))
			.leftJoin(assignees, eq(assignees.id, assignments.assigneeId))
			.leftJoin(creators, eq(creators.id, assignments.createdBy))
			.leftJoin(updaters, eq(updaters.id, assignments.updatedBy))
			.where(and(eq(assignments.id, assignmentId), eq(assignments.taskForceId, taskForceId)))
			.get() ?? null
	)
}

export type AssignmentDetail = NonNullable<ReturnType<typeof getAssignmentDetail>>

/** A section of this task force's document(s), or null. */
export function getSection(db: Queryable, taskForceId: string, sectionId: string) {
	return (
		db
			.select({ id: sections.id, title: sections.title })
			.from(sections)
			.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
			.where(and(eq(sections.id, sectionId), eq(documents.taskForceId, taskForceId)))
			.get() ?? null
	)
}

/**
 * Whether someone may be given a subcommittee's work: a (non-observer) member of the task force who
 * belongs to the subcommittee or leads it.
 */
export function isAssignable(
	db: Queryable,
	taskForceId: string,
	subcommittee: { id: string; leadUserId: string | null },
	userId: string,
): boolean {
	const membership = db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
		.get()
	if (!membership || membership.role === 'observer') return false
	if (subcommittee.leadUserId === userId) return true
	return (
		db
			.select({ userId: subcommitteeMembers.userId })
			.from(subcommitteeMembers)
			.where(
				and(eq(subcommitteeMembers.subcommitteeId, subcommittee.id), eq(subcommitteeMembers.userId, userId)),
			)
			.get() !== undefined
	)
}

/** The people each subcommittee's work may go to (members and lead, no observers), by name. */
export function listAssignablePeople(db: Queryable, taskForceId: string) {
	const seats = db
		.select({ subcommitteeId: subcommitteeMembers.subcommitteeId, id: users.id, name: users.name })
		.from(subcommitteeMembers)
		.innerJoin(subcommittees, eq(subcommittees.id, subcommitteeMembers.subcommitteeId))
		.innerJoin(users, eq(users.id, subcommitteeMembers.userId))
		.innerJoin(
			memberships,
			and(eq(memberships.taskForceId, subcommittees.taskForceId), eq(memberships.userId, users.id)),
		)
		.where(and(eq(subcommittees.taskForceId, taskForceId), ne(memberships.role, 'observer')))
		.all()
	const leads = db
		.select({ subcommitteeId: subcommittees.id, id: users.id, name: users.name, role: memberships.role })
		.from(subcommittees)
		.innerJoin(users, eq(users.id, subcommittees.leadUserId))
		.innerJoin(
			memberships,
			and(eq(memberships.taskForceId, subcommittees.taskForceId), eq(memberships.userId, users.id)),
		)
		.where(eq(subcommittees.taskForceId, taskForceId))
		.all()
		.filter((lead) => lead.role !== 'observer')
	const bySubcommittee = new Map<string, Map<string, string>>()
	for (const person of [...leads, ...seats]) {
		const people = bySubcommittee.get(person.subcommitteeId) ?? new Map<string, string>()
		people.set(person.id, person.name)
		bySubcommittee.set(person.subcommitteeId, people)
	}
	return bySubcommittee
}

/** Sections of the task force's document(s) in reading order, for the section picker. */
export function listSectionChoices(db: Queryable, taskForceId: string) {
	return db
		.select({ id: sections.id, title: sections.title, documentId: sections.documentId })
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.where(eq(documents.taskForceId, taskForceId))
		.orderBy(asc(documents.title), asc(sections.position))
		.all()
}
