import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { documents, milestones, phases, sections } from '#db/schema/index.ts'
import { PHASE_KINDS, type PhaseKind, type SectionStatus } from '#shared/domain.ts'

/** Phase bounds the schedule tests start from: a run-up from September 2026 to April 27, 2027. */
export const PHASE_BOUNDS: Record<PhaseKind, { startsOn: string; endsOn: string }> = {
	research: { startsOn: '2026-09-01', endsOn: '2026-10-31' },
	writing: { startsOn: '2026-11-01', endsOn: '2027-01-31' },
	editing: { startsOn: '2027-02-01', endsOn: '2027-03-15' },
	publishing: { startsOn: '2027-03-16', endsOn: '2027-04-27' },
}

/**
 * The four phases of a task force, with `active` current (earlier ones complete, later ones
 * upcoming); `active: null` makes every phase complete, as after publication.
 */
export function createPhases(
	db: Db,
	taskForceId: string,
	options: { active?: PhaseKind | null; bounds?: Partial<typeof PHASE_BOUNDS> } = {},
) {
	const active = options.active === undefined ? 'writing' : options.active
	const activeIndex = active === null ? PHASE_KINDS.length : PHASE_KINDS.indexOf(active)
	const rows = PHASE_KINDS.map((kind, position) => {
		const status = position < activeIndex ? 'complete' : position === activeIndex ? 'active' : 'upcoming'
		const row = {
			id: createId(),
			taskForceId,
			kind,
			position,
			...(options.bounds?.[kind] ?? PHASE_BOUNDS[kind]),
			status,
			enteredAt: status === 'upcoming' ? null : 1,
			completedAt: status === 'complete' ? 2 : null,
		} as const
		db.insert(phases).values(row).run()
		return row
	})
	return Object.fromEntries(rows.map((row) => [row.kind, row])) as Record<PhaseKind, (typeof rows)[number]>
}

/** A milestone of a phase; open unless `completedAt` or `waivedReason` says otherwise. */
export function createMilestone(
	db: Db,
	phase: { id: string; taskForceId: string },
	overrides: Partial<typeof milestones.$inferInsert> = {},
) {
	const row = {
		id: createId(),
		taskForceId: phase.taskForceId,
		phaseId: phase.id,
		title: `Milestone ${Math.random().toString(36).slice(2, 6)}`,
		dueOn: '2026-12-15',
		completedAt: null,
		waivedReason: null,
		...overrides,
	}
	db.insert(milestones).values(row).run()
	return row
}

/** A section of the task force's deliverable (the document is created with the first section). */
export function createSection(
	db: Db,
	taskForceId: string,
	overrides: { title?: string; status?: SectionStatus } = {},
) {
	const document =
		db.select({ id: documents.id }).from(documents).where(eq(documents.taskForceId, taskForceId)).get() ??
		(() => {
			const id = createId()
			db.insert(documents).values({ id, taskForceId, title: 'Guidebook' }).run()
			return { id }
		})()
	const position = db
		.select({ id: sections.id })
		.from(sections)
		.where(eq(sections.documentId, document.id))
		.all().length
	const row = {
		id: createId(),
		documentId: document.id,
		title: overrides.title ?? `Section ${position + 1}`,
		position,
		status: overrides.status ?? 'drafting',
	}
	db.insert(sections).values(row).run()
	return row
}

/** The phase rows as stored now, by kind. */
export function readPhases(db: Db, taskForceId: string) {
	const rows = db.select().from(phases).where(eq(phases.taskForceId, taskForceId)).all()
	return Object.fromEntries(rows.map((row) => [row.kind, row])) as Record<PhaseKind, (typeof rows)[number]>
}
