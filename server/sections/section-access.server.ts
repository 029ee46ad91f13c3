import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { documents, sections, taskForces } from '#db/schema/index.ts'
import type { Role, SectionStatus } from '#shared/domain.ts'
import type { ReadOnlyReason } from '#shared/section-read-only.ts'
import { sectionAccess } from '../policies/section.server.ts'
import type { Membership, Person, SectionAccess, TaskForceState } from '../policies/types.ts'
import { getMembership, getTaskForceState } from '../task-forces/membership.server.ts'

export type SectionAccessDecision = {
	access: SectionAccess
	/** Why the person may only read (worded by `describeReadOnly`); null when they write. */
	readOnlyReason: ReadOnlyReason | null
	/** The person's role in the section's task force (null: not a member). */
	role: Role | null
	section: { id: string; title: string; status: SectionStatus; subcommitteeId: string | null }
	taskForce: { id: string; slug: string; name: string }
}

const sectionWithTaskForce = preparedQuery((db) =>
	db
		.select({ section: sections, taskForce: taskForces })
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.innerJoin(taskForces, eq(taskForces.id, documents.taskForceId))
		.where(eq(sections.id, sql.placeholder('sectionId')))
		.prepare(),
)

type SectionRow = NonNullable<ReturnType<ReturnType<typeof sectionWithTaskForce>['get']>>

/** The facts a decision reads; the collaboration server's re-check memoises them for a round. */
export type AccessLookups = {
	section: (sectionId: string) => SectionRow | undefined
	membership: (taskForceId: string, userId: string) => Membership | null
	state: (taskForce: SectionRow['taskForce']) => TaskForceState
}

/** Lookups straight from the database. */
export function directLookups(db: Db): AccessLookups {
	return {
		section: (sectionId) => sectionWithTaskForce(db).get({ sectionId }),
		membership: (taskForceId, userId) => getMembership(db, taskForceId, userId),
		state: (taskForce) => getTaskForceState(db, taskForce),
	}
}

/**
 * Lookups that ask the database once per section, person-in-task-force and task force: re-deciding
 * 3,000 sockets on 1,000 sections took 0.7 s of the event loop without them.
 */
export function memoizedLookups(db: Db): AccessLookups {
	const direct = directLookups(db)
	const sectionRows = new Map<string, SectionRow | undefined>()
	const memberships = new Map<string, Membership | null>()
	const states = new Map<string, TaskForceState>()
	return {
		section(sectionId) {
			if (!sectionRows.has(sectionId)) sectionRows.set(sectionId, direct.section(sectionId))
			return sectionRows.get(sectionId)
		},
		membership(taskForceId, userId) {
			const key = `${taskForceId}\u0000${userId}`
			if (!memberships.has(key)) memberships.set(key, direct.membership(taskForceId, userId))
			return memberships.get(key) ?? null
		},
		state(taskForce) {
			let state = states.get(taskForce.id)
			if (!state) {
				state = direct.state(taskForce)
				states.set(taskForce.id, state)
			}
			return state
		},
	}
}

/**
 * What a person may do with a section's text, with the facts behind it — the one question the
 * section page and the collaboration server (at upgrade and on every re-check) both ask.
 * Null when there is no such section.
 */
export function decideSectionAccess(
	db: Db,
	person: Person,
	sectionId: string,
	lookups: AccessLookups = directLookups(db),
): SectionAccessDecision | null {
	const row = lookups.section(sectionId)
	if (!row) return null
	const membership = lookups.membership(row.taskForce.id, person.id)
	const state = lookups.state(row.taskForce)
	const facts = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	const { access, readOnlyReason } = sectionAccess(person, membership, state, facts)
	return {
		access,
		readOnlyReason,
		role: membership?.role ?? null,
		section: {
			id: row.section.id,
			title: row.section.title,
			status: row.section.status,
			subcommitteeId: row.section.subcommitteeId,
		},
		taskForce: { id: row.taskForce.id, slug: row.taskForce.slug, name: row.taskForce.name },
	}
}
