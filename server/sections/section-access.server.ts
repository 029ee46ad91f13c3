import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { documents, sections, taskForces } from '#db/schema/index.ts'
import { sectionAccess } from '../policies/section.server.ts'
import type { Person, SectionAccess } from '../policies/types.ts'
import { getMembership, getTaskForceState } from '../task-forces/membership.server.ts'

export type SectionAccessDecision = {
	access: SectionAccess
	/** Why the person may only read, in words for the editor's status line; null when they write. */
	readOnlyReason: string | null
	section: { id: string; title: string; status: string; subcommitteeId: string | null }
	taskForce: { id: string; slug: string; name: string }
}

/**
 * What a person may do with a section's text, with the facts behind it — the one question the
 * section page and the collaboration server (at upgrade and on every re-check) both ask.
 * Null when there is no such section.
 */
export function decideSectionAccess(db: Db, person: Person, sectionId: string): SectionAccessDecision | null {
	const row = db
		.select({ section: sections, taskForce: taskForces })
		.from(sections)
		.innerJoin(documents, and(eq(documents.id, sections.documentId), isNull(sections.removedAt)))
		.innerJoin(taskForces, eq(taskForces.id, documents.taskForceId))
		.where(eq(sections.id, sectionId))
		.get()
	if (!row) return null
	const membership = getMembership(db, row.taskForce.id, person.id)
	const state = getTaskForceState(db, row.taskForce)
	const facts = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	const access = sectionAccess(person, membership, state, facts)
	let readOnlyReason: string | null = null
	if (access === 'read') {
		if (membership?.role === 'observer') readOnlyReason = 'observers read but do not edit'
		else if (row.taskForce.status !== 'active') readOnlyReason = 'the task force is published'
		else if (row.section.status === 'approved')
			readOnlyReason = 'the section is approved; only co-chairs edit it'
		else if (
			state.activePhase &&
			(membership?.subcommitteeIds.includes(facts.subcommitteeId ?? '') ||
				membership?.leadsSubcommitteeIds.includes(facts.subcommitteeId ?? ''))
		)
			readOnlyReason = `in the ${state.activePhase} phase your role reads this section`
		else readOnlyReason = 'another subcommittee writes this section'
	}
	return {
		access,
		readOnlyReason,
		section: {
			id: row.section.id,
			title: row.section.title,
			status: row.section.status,
			subcommitteeId: row.section.subcommitteeId,
		},
		taskForce: { id: row.taskForce.id, slug: row.taskForce.slug, name: row.taskForce.name },
	}
}
