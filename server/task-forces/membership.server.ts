import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { preparedQuery } from '#db/prepared.server.ts'
import { memberships, phases, subcommitteeMembers, subcommittees, taskForces } from '#db/schema/index.ts'
import type { Membership, Standing, TaskForceState } from '../policies/types.ts'

const TASK_FORCE = sql.placeholder('taskForceId')
const USER = sql.placeholder('userId')

const roleOf = preparedQuery((db) =>
	db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, TASK_FORCE), eq(memberships.userId, USER)))
		.prepare(),
)

const subcommitteesOf = preparedQuery((db) =>
	db
		.select({ id: subcommitteeMembers.subcommitteeId })
		.from(subcommitteeMembers)
		.innerJoin(subcommittees, eq(subcommittees.id, subcommitteeMembers.subcommitteeId))
		.where(and(eq(subcommittees.taskForceId, TASK_FORCE), eq(subcommitteeMembers.userId, USER)))
		.prepare(),
)

const subcommitteesLedBy = preparedQuery((db) =>
	db
		.select({ id: subcommittees.id })
		.from(subcommittees)
		.where(and(eq(subcommittees.taskForceId, TASK_FORCE), eq(subcommittees.leadUserId, USER)))
		.prepare(),
)

const statusOf = preparedQuery((db) =>
	db
		.select({ status: taskForces.status, observersMayComment: taskForces.observersMayComment })
		.from(taskForces)
		.where(eq(taskForces.id, TASK_FORCE))
		.prepare(),
)

const activePhaseOf = preparedQuery((db) =>
	db
		.select({ kind: phases.kind })
		.from(phases)
		.where(and(eq(phases.taskForceId, TASK_FORCE), eq(phases.status, 'active')))
		.prepare(),
)

/** A person's role and subcommittees in one task force, or null when they are not in it. */
export function getMembership(db: Db, taskForceId: string, userId: string): Membership | null {
	const values = { taskForceId, userId }
	const row = roleOf(db).get(values)
	if (!row) return null
	const subcommitteeIds = subcommitteesOf(db)
		.all(values)
		.map((entry) => entry.id)
	const leadsSubcommitteeIds = subcommitteesLedBy(db)
		.all(values)
		.map((entry) => entry.id)
	return { role: row.role, subcommitteeIds, leadsSubcommitteeIds }
}

/** The facts about a task force that decisions depend on: its status, active phase and settings. */
export function getTaskForceState(
	db: Db,
	taskForce: { id: string; status: TaskForceState['status']; observersMayComment: boolean },
): TaskForceState {
	const active = activePhaseOf(db).get({ taskForceId: taskForce.id })
	return {
		status: taskForce.status,
		activePhase: active?.kind ?? null,
		observersMayComment: taskForce.observersMayComment,
	}
}

/**
 * Where a person stands in a task force right now — what every policy reads. Operations call it
 * inside their own transaction (with the outer `db`: a transaction runs on the same connection), so
 * the decision and the change see the same rows, whatever the caller looked at before.
 */
export function standingIn(db: Db, taskForceId: string, userId: string): Standing {
	const row = statusOf(db).get({ taskForceId }) ?? { status: 'archived' as const, observersMayComment: false }
	return {
		membership: getMembership(db, taskForceId, userId),
		state: getTaskForceState(db, { id: taskForceId, ...row }),
	}
}
