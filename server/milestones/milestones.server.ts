import { and, eq, sql } from 'drizzle-orm'
import type { Db, Tx } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { milestones, phases } from '#db/schema/index.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { requireScheduleManager } from '../phases/access.server.ts'
import type { Person } from '../policies/types.ts'

/** Who is changing a milestone, and where: every operation decides with the schedule policy itself. */
export type MilestoneActor = Person & { taskForceId: string }

/** `changed` is false when the request asked for what was already there. */
export type MilestoneOutcome = { ok: true; title: string; changed: boolean } | { ok: false; message: string }

type MilestoneRow = typeof milestones.$inferSelect

/** The milestone if it belongs to this task force; another task force's milestone is "not found". */
function requireMilestone(tx: Tx, taskForceId: string, milestoneId: string): MilestoneRow {
	const row = tx
		.select()
		.from(milestones)
		.where(and(eq(milestones.id, milestoneId), eq(milestones.taskForceId, taskForceId)))
		.get()
	if (!row) throw notFound()
	return row
}

/**
 * Runs one change on one milestone in a transaction: the policy check, the lookup (404 when it is
 * not this task force's), the change with its revision bump, and the activity entry.
 */
function change(
	db: Db,
	actor: MilestoneActor,
	milestoneId: string,
	now: number,
	apply: (
		row: MilestoneRow,
		tx: Tx,
	) => { verb: string; data: Record<string, unknown>; title?: string } | { refuse: string } | 'unchanged',
): MilestoneOutcome {
	return db.transaction((tx): MilestoneOutcome => {
		requireScheduleManager(db, actor.taskForceId, actor.id)
		const row = requireMilestone(tx, actor.taskForceId, milestoneId)
		const result = apply(row, tx)
		if (result === 'unchanged') return { ok: true, title: row.title, changed: false }
		if ('refuse' in result) return { ok: false, message: result.refuse }
		recordActivity(
			tx,
			{
				taskForceId: actor.taskForceId,
				actorId: actor.id,
				verb: result.verb,
				subjectType: 'milestone',
				subjectId: row.id,
				data: result.data,
			},
			now,
		)
		return { ok: true, title: result.title ?? row.title, changed: true }
	})
}

function bump(tx: Tx, id: string, values: Partial<MilestoneRow>) {
	tx.update(milestones)
		.set({ ...values, revision: sql`${milestones.revision} + 1` })
		.where(eq(milestones.id, id))
		.run()
}

/** Adds a milestone to one of the task force's phases; records `milestone.created` {title, dueOn, phase}. */
export function createMilestone(
	db: Db,
	actor: MilestoneActor,
	input: { phaseId: string; title: string; dueOn: string },
	now: number,
): { id: string } {
	return db.transaction((tx) => {
		requireScheduleManager(db, actor.taskForceId, actor.id)
		const phase = tx
			.select({ kind: phases.kind })
			.from(phases)
			.where(and(eq(phases.id, input.phaseId), eq(phases.taskForceId, actor.taskForceId)))
			.get()
		if (!phase) throw notFound()
		const id = createId()
		tx.insert(milestones)
			.values({
				id,
				taskForceId: actor.taskForceId,
				phaseId: input.phaseId,
				title: input.title,
				dueOn: input.dueOn,
			})
			.run()
		recordActivity(
			tx,
			{
				taskForceId: actor.taskForceId,
				actorId: actor.id,
				verb: 'milestone.created',
				subjectType: 'milestone',
				subjectId: id,
				data: { title: input.title, dueOn: input.dueOn, phase: phase.kind },
			},
			now,
		)
		return { id }
	})
}

/**
 * Changes a milestone's title and due date; records `milestone.updated` with `{title, from, to}`,
 * where from/to hold only what changed. Saving the same values changes nothing and records nothing.
 */
export function updateMilestone(
	db: Db,
	actor: MilestoneActor,
	input: { milestoneId: string; title: string; dueOn: string },
	now: number,
): MilestoneOutcome {
	return change(db, actor, input.milestoneId, now, (row, tx) => {
		const from: { title?: string; dueOn?: string } = {}
		const to: { title?: string; dueOn?: string } = {}
		if (row.title !== input.title) {
			from.title = row.title
			to.title = input.title
		}
		if (row.dueOn !== input.dueOn) {
			from.dueOn = row.dueOn
			to.dueOn = input.dueOn
		}
		if (Object.keys(to).length === 0) return 'unchanged'
		bump(tx, row.id, { title: input.title, dueOn: input.dueOn })
		return { verb: 'milestone.updated', data: { title: input.title, from, to }, title: input.title }
	})
}

/** Marks a milestone done (by whom, when); records `milestone.completed` {title}. */
export function completeMilestone(db: Db, actor: MilestoneActor, milestoneId: string, now: number) {
	return change(db, actor, milestoneId, now, (row, tx) => {
		if (row.completedAt !== null) return { refuse: `“${row.title}” is already done.` }
		if (row.waivedReason) return { refuse: `“${row.title}” is waived. Un-waive it first to mark it done.` }
		bump(tx, row.id, { completedAt: now, completedBy: actor.id })
		return { verb: 'milestone.completed', data: { title: row.title } }
	})
}

/**
 * Undoes "done" or a waiver, so the milestone counts as open again; records `milestone.reopened`
 * {title, from: 'done' | 'waived', reason? (the waiver's)}.
 */
export function reopenMilestone(db: Db, actor: MilestoneActor, milestoneId: string, now: number) {
	return change(db, actor, milestoneId, now, (row, tx) => {
		if (row.completedAt !== null) {
			bump(tx, row.id, { completedAt: null, completedBy: null })
			return { verb: 'milestone.reopened', data: { title: row.title, from: 'done' } }
		}
		if (row.waivedReason) {
			bump(tx, row.id, { waivedReason: null })
			return {
				verb: 'milestone.reopened',
				data: { title: row.title, from: 'waived', reason: row.waivedReason },
			}
		}
		return { refuse: `“${row.title}” is already open.` }
	})
}

/** Waives an open milestone with a reason; records `milestone.waived` {title, reason}. */
export function waiveMilestone(
	db: Db,
	actor: MilestoneActor,
	milestoneId: string,
	reason: string,
	now: number,
) {
	return change(db, actor, milestoneId, now, (row, tx) => {
		if (row.completedAt !== null) return { refuse: `“${row.title}” is done; there is nothing to waive.` }
		if (row.waivedReason) return { refuse: `“${row.title}” is already waived.` }
		bump(tx, row.id, { waivedReason: reason })
		return { verb: 'milestone.waived', data: { title: row.title, reason } }
	})
}

/** Deletes a milestone; records `milestone.deleted` {title, dueOn}, so the log still names it. */
export function deleteMilestone(db: Db, actor: MilestoneActor, milestoneId: string, now: number) {
	return change(db, actor, milestoneId, now, (row, tx) => {
		tx.delete(milestones).where(eq(milestones.id, row.id)).run()
		return { verb: 'milestone.deleted', data: { title: row.title, dueOn: row.dueOn } }
	})
}
