import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db, Queryable, Tx } from '#db/client.server.ts'
import { sections, subcommittees } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManageOutline } from '../policies/outline.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'

/** Who is changing a document's sections, and where: every operation decides with the policy itself. */
export type SectionActor = Person & { taskForceId: string }

/**
 * A refusal a person can act on. `field` ties it to a form field; 409 means the outline changed
 * under them (someone else moved it first), so reloading shows what is true now.
 */
export type SectionRefusal = { ok: false; status: 400 | 409; message: string; field?: string }

export type SectionRow = typeof sections.$inferSelect

/** Throws 403 unless the actor may shape the outline, as the database says at this moment. */
export function requireOutlineManager(db: Db, actor: SectionActor): void {
	const { membership, state } = standingIn(db, actor.taskForceId, actor.id)
	authorize(canManageOutline(membership, state))
}

/** The section if it belongs to this document, removed or not; anything else is "not found" (404). */
export function requireSection(db: Queryable, documentId: string, sectionId: string): SectionRow {
	const row = db
		.select()
		.from(sections)
		.where(and(eq(sections.id, sectionId), eq(sections.documentId, documentId)))
		.get()
	if (!row) throw notFound()
	return row
}

/** The refusal for acting on a section that is no longer on the outline. */
export function removedRefusal(row: SectionRow): SectionRefusal {
	return { ok: false, status: 400, message: `“${row.title}” was removed from the outline; restore it first.` }
}

/** The sections on the outline (not removed), in reading order; ties fall back to the id. */
export function outlineRows(db: Queryable, documentId: string): SectionRow[] {
	return db
		.select()
		.from(sections)
		.where(and(eq(sections.documentId, documentId), isNull(sections.removedAt)))
		.orderBy(asc(sections.position), asc(sections.id))
		.all()
}

/**
 * Rewrites positions as 1, 2, 3… in the given order, touching only rows whose number changes, so
 * gaps left by a removal and ties from concurrent adds disappear.
 */
export function renumber(tx: Tx, ordered: readonly SectionRow[]): void {
	ordered.forEach((row, index) => {
		if (row.position !== index + 1)
			tx.update(sections)
				.set({ position: index + 1 })
				.where(eq(sections.id, row.id))
				.run()
	})
}

/** The subcommittee's name when it belongs to this task force, else null. */
export function subcommitteeName(db: Queryable, taskForceId: string, subcommitteeId: string | null) {
	if (!subcommitteeId) return null
	const row = db
		.select({ name: subcommittees.name })
		.from(subcommittees)
		.where(and(eq(subcommittees.id, subcommitteeId), eq(subcommittees.taskForceId, taskForceId)))
		.get()
	return row?.name ?? null
}

/** One activity entry about a section. */
export function recordSectionActivity(
	tx: Tx,
	actor: SectionActor,
	sectionId: string,
	verb: string,
	data: Record<string, unknown>,
	now: number,
): void {
	recordActivity(
		tx,
		{
			taskForceId: actor.taskForceId,
			actorId: actor.id,
			verb,
			subjectType: 'section',
			subjectId: sectionId,
			data,
		},
		now,
	)
}
