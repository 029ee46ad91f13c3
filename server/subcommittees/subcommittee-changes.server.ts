import { and, count, eq, ne, sql } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { assignments, sections, subcommitteeMembers, subcommittees } from '#db/schema/index.ts'
import { getPersonName } from '../accounts/names.server.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { AccessChanges } from '../context.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManageSubcommittees } from '../policies/task-force.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { getTaskForceRole } from './subcommittee-members.server.ts'
import type { Subcommittee } from './subcommittee-page.server.ts'

/**
 * Throws 403 unless `actor` may create, rename, charter, lead-assign and delete this task force's
 * subcommittees. Called first inside each operation's transaction.
 */
function requireSubcommitteesManager(db: Db, actor: Person, taskForceId: string): void {
	const { membership, state } = standingIn(db, taskForceId, actor.id)
	authorize(
		canManageSubcommittees(membership, state),
		'Only co-chairs of an active task force change subcommittees.',
	)
}

/** A refusal a person can act on, tied to the form field it is about. */
export type FieldRefusal<Field extends string> = { ok: false; field: Field; message: string }

/** The database's own unique index is the last word when two co-chairs save the same name at once. */
function isUniqueViolation(error: unknown): boolean {
	for (let cause = error; cause instanceof Error; cause = cause.cause) {
		if ((cause as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return true
	}
	return false
}

/**
 * Names are unique within a task force regardless of case, so "Open data and 311" cannot sit next
 * to "Open Data and 311". (The unique index compares exactly; this check is the friendlier one.)
 */
function nameTaken(db: Queryable, taskForceId: string, name: string, exceptId: string | null): boolean {
	const clash = db
		.select({ id: subcommittees.id })
		.from(subcommittees)
		.where(
			and(
				eq(subcommittees.taskForceId, taskForceId),
				sql`lower(${subcommittees.name}) = lower(${name})`,
				exceptId ? ne(subcommittees.id, exceptId) : undefined,
			),
		)
		.get()
	return clash !== undefined
}

function duplicateName(name: string): FieldRefusal<'name'> {
	return { ok: false, field: 'name', message: `Another subcommittee is already called “${name}”.` }
}

/** Creates a subcommittee with no members and no lead yet. */
export function createSubcommittee(
	db: Db,
	actor: Person,
	taskForceId: string,
	input: { name: string; charge: string },
	now: number,
): { ok: true; id: string } | FieldRefusal<'name'> {
	return db.transaction(() => {
		requireSubcommitteesManager(db, actor, taskForceId)
		return create(db, actor, taskForceId, input, now)
	})
}

function create(
	db: Db,
	actor: Person,
	taskForceId: string,
	input: { name: string; charge: string },
	now: number,
): { ok: true; id: string } | FieldRefusal<'name'> {
	if (nameTaken(db, taskForceId, input.name, null)) return duplicateName(input.name)
	const id = createId()
	try {
		db.transaction((tx) => {
			tx.insert(subcommittees).values({ id, taskForceId, name: input.name, charge: input.charge }).run()
			recordActivity(
				tx,
				{
					taskForceId,
					actorId: actor.id,
					verb: 'subcommittee.created',
					subjectType: 'subcommittee',
					subjectId: id,
					data: { name: input.name },
				},
				now,
			)
		})
	} catch (error) {
		if (isUniqueViolation(error)) return duplicateName(input.name)
		throw error
	}
	return { ok: true, id }
}

/**
 * Renames a subcommittee and rewrites its charge. Each actual change is its own activity entry, so
 * the feed can say "renamed" and "rewrote the charge" separately; saving unchanged text records nothing.
 */
export function updateSubcommitteeDetails(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	input: { name: string; charge: string },
	now: number,
): { ok: true; renamed: boolean; chargeChanged: boolean } | FieldRefusal<'name'> {
	return db.transaction(() => {
		requireSubcommitteesManager(db, actor, subcommittee.taskForceId)
		return updateDetails(db, actor, subcommittee, input, now)
	})
}

function updateDetails(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	input: { name: string; charge: string },
	now: number,
): { ok: true; renamed: boolean; chargeChanged: boolean } | FieldRefusal<'name'> {
	const renamed = input.name !== subcommittee.name
	const chargeChanged = input.charge !== subcommittee.charge
	if (renamed && nameTaken(db, subcommittee.taskForceId, input.name, subcommittee.id)) {
		return duplicateName(input.name)
	}
	if (!renamed && !chargeChanged) return { ok: true, renamed, chargeChanged }
	const entry = { taskForceId: subcommittee.taskForceId, actorId: actor.id, subjectType: 'subcommittee' }
	try {
		db.transaction((tx) => {
			tx.update(subcommittees)
				.set({ name: input.name, charge: input.charge })
				.where(eq(subcommittees.id, subcommittee.id))
				.run()
			if (renamed) {
				recordActivity(
					tx,
					{
						...entry,
						verb: 'subcommittee.renamed',
						subjectId: subcommittee.id,
						data: { from: subcommittee.name, to: input.name },
					},
					now,
				)
			}
			if (chargeChanged) {
				recordActivity(
					tx,
					{
						...entry,
						verb: 'subcommittee.charge_changed',
						subjectId: subcommittee.id,
						data: { name: input.name, from: subcommittee.charge, to: input.charge },
					},
					now,
				)
			}
		})
	} catch (error) {
		if (isUniqueViolation(error)) return duplicateName(input.name)
		throw error
	}
	return { ok: true, renamed, chargeChanged }
}

/**
 * Chooses the lead (or, with null, leaves the subcommittee without one). The lead must already be
 * one of its members: leading a table you do not sit at would hand out rights over work nobody
 * agreed to give.
 */
export function setSubcommitteeLead(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	leadUserId: string | null,
	now: number,
	live: AccessChanges,
): { ok: true; name: string | null } | FieldRefusal<'leadUserId'> {
	const outcome = db.transaction(() => {
		requireSubcommitteesManager(db, actor, subcommittee.taskForceId)
		return setLead(db, actor, subcommittee, leadUserId, now)
	})
	// The old lead and the new one: what each may write changes with the phase.
	if (outcome.ok && outcome.changed) live.accessChanged({ taskForceId: subcommittee.taskForceId })
	return outcome.ok ? { ok: true, name: outcome.name } : outcome
}

function setLead(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	leadUserId: string | null,
	now: number,
): { ok: true; name: string | null; changed: boolean } | FieldRefusal<'leadUserId'> {
	if (leadUserId === subcommittee.leadUserId)
		return { ok: true, name: getPersonName(db, leadUserId), changed: false }
	if (leadUserId) {
		const seat = db
			.select({ userId: subcommitteeMembers.userId })
			.from(subcommitteeMembers)
			.where(
				and(
					eq(subcommitteeMembers.subcommitteeId, subcommittee.id),
					eq(subcommitteeMembers.userId, leadUserId),
				),
			)
			.get()
		if (!seat) {
			const name = getPersonName(db, leadUserId)
			return {
				ok: false,
				field: 'leadUserId',
				message: name
					? `${name} is not a member of this subcommittee. Add them as a member first, then choose them as lead.`
					: 'Choose one of the subcommittee’s members.',
			}
		}
		const role = getTaskForceRole(db, subcommittee.taskForceId, leadUserId)
		if (role !== 'co_chair' && role !== 'member') {
			return {
				ok: false,
				field: 'leadUserId',
				message: `${getPersonName(db, leadUserId)} is ${role === 'observer' ? 'an observer' : 'no longer in the task force'} and cannot lead a subcommittee.`,
			}
		}
	}
	const from = getPersonName(db, subcommittee.leadUserId)
	const to = getPersonName(db, leadUserId)
	db.transaction((tx) => {
		tx.update(subcommittees).set({ leadUserId }).where(eq(subcommittees.id, subcommittee.id)).run()
		recordActivity(
			tx,
			{
				taskForceId: subcommittee.taskForceId,
				actorId: actor.id,
				verb: 'subcommittee.lead_changed',
				subjectType: 'subcommittee',
				subjectId: subcommittee.id,
				data: { name: subcommittee.name, from, to },
			},
			now,
		)
	})
	return { ok: true, name: to, changed: true }
}

/** Why a subcommittee could not be deleted. */
export type DeleteRefusal =
	| { ok: false; reason: 'open_assignments'; count: number }
	| { ok: false; reason: 'confirm_sections'; count: number }

/**
 * Deletes a subcommittee. Refused while it has open assignments (they would vanish with it, since
 * assignments cascade): reassign or finish them first. Its sections are left without an owner (the
 * foreign key sets null), which the co-chair must confirm when there are any. Done assignments go
 * with it; the activity log keeps their history.
 */
export function deleteSubcommittee(
	db: Db,
	actor: Person,
	subcommittee: Subcommittee,
	options: { sectionsConfirmed: boolean },
	now: number,
	live: AccessChanges,
): { ok: true; name: string } | DeleteRefusal {
	// One synchronous transaction: nobody can add an assignment between the count and the delete.
	const outcome = db.transaction((tx): { ok: true; name: string } | DeleteRefusal => {
		requireSubcommitteesManager(db, actor, subcommittee.taskForceId)
		const open =
			tx
				.select({ n: count() })
				.from(assignments)
				.where(and(eq(assignments.subcommitteeId, subcommittee.id), ne(assignments.status, 'done')))
				.get()?.n ?? 0
		if (open > 0) return { ok: false, reason: 'open_assignments', count: open }
		const owned =
			tx.select({ n: count() }).from(sections).where(eq(sections.subcommitteeId, subcommittee.id)).get()?.n ??
			0
		if (owned > 0 && !options.sectionsConfirmed)
			return { ok: false, reason: 'confirm_sections', count: owned }
		tx.delete(subcommittees).where(eq(subcommittees.id, subcommittee.id)).run()
		recordActivity(
			tx,
			{
				taskForceId: subcommittee.taskForceId,
				actorId: actor.id,
				verb: 'subcommittee.deleted',
				subjectType: 'subcommittee',
				subjectId: subcommittee.id,
				data: { name: subcommittee.name, sectionsUnowned: owned },
			},
			now,
		)
		return { ok: true, name: subcommittee.name }
	})
	// Its sections lose their owner: only co-chairs write them now.
	if (outcome.ok) live.accessChanged({ taskForceId: subcommittee.taskForceId })
	return outcome
}
