import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { memberships, phases, subcommitteeMembers, subcommittees } from '#db/schema/index.ts'
import type { Membership, TaskForceState } from '../policies/types.ts'

/** A person's role and subcommittees in one task force, or null when they are not in it. */
export function getMembership(db: Db, taskForceId: string, userId: string): Membership | null {
	const row = db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, taskForceId), eq(memberships.userId, userId)))
		.get()
	if (!row) return null
	const subcommitteeIds = db
		.select({ id: subcommitteeMembers.subcommitteeId })
		.from(subcommitteeMembers)
		.innerJoin(subcommittees, eq(subcommittees.id, subcommitteeMembers.subcommitteeId))
		.where(and(eq(subcommittees.taskForceId, taskForceId), eq(subcommitteeMembers.userId, userId)))
		.all()
		.map((entry) => entry.id)
	const leadsSubcommitteeIds = db
		.select({ id: subcommittees.id })
		.from(subcommittees)
		.where(and(eq(subcommittees.taskForceId, taskForceId), eq(subcommittees.leadUserId, userId)))
		.all()
		.map((entry) => entry.id)
	return { role: row.role, subcommitteeIds, leadsSubcommitteeIds }
}

/** The facts about a task force that decisions depend on: its status and active phase. */
export function getTaskForceState(
	db: Db,
	taskForce: { id: string; status: TaskForceState['status'] },
): TaskForceState {
	const active = db
		.select({ kind: phases.kind })
		.from(phases)
		.where(and(eq(phases.taskForceId, taskForce.id), eq(phases.status, 'active')))
		.get()
	return { status: taskForce.status, activePhase: active?.kind ?? null }
}
