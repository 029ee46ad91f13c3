import { and, eq, isNull } from 'drizzle-orm'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import {
	invitations,
	memberships,
	subcommitteeMembers,
	subcommittees,
	taskForces,
	users,
} from '#db/schema/index.ts'
import type { Role } from '#shared/domain.ts'
import { ROLE_LABELS } from '#shared/labels.ts'
import { recordActivity } from '../activity/record.server.ts'
import { generateSessionToken, hashToken } from '../auth/session.server.ts'
import { enqueueMail } from '../notifications/outbox.server.ts'
import { noticeMembers } from '../notifications/task-force-notices.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canManageMembers } from '../policies/task-force.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { invitationLimit } from './invitation-limit.server.ts'

export const INVITATION_LIFETIME_MS = 7 * 86_400_000

type TaskForceRef = { id: string; name: string }
type Inviter = Person & { name: string }

export type InviteOutcome =
	| { kind: 'invited'; email: string; link: string }
	| { kind: 'added'; email: string; name: string }
	| { kind: 'error'; field: 'email' | 'subcommitteeId'; message: string }
	| NonNullable<ReturnType<typeof invitationLimit>>

function addToSubcommittee(
	db: Queryable,
	taskForceId: string,
	userId: string,
	subcommitteeId: string | null,
) {
	if (!subcommitteeId) return
	const subcommittee = db
		.select({ id: subcommittees.id })
		.from(subcommittees)
		.where(and(eq(subcommittees.id, subcommitteeId), eq(subcommittees.taskForceId, taskForceId)))
		.get()
	if (subcommittee)
		db.insert(subcommitteeMembers).values({ subcommitteeId, userId }).onConflictDoNothing().run()
}

/**
 * Invites someone by email with a role (and optionally a subcommittee). Someone who already has an
 * account joins at once; anyone else gets a link that works once, for seven days: shown to the
 * inviter and queued in `outbound_messages` for the mail worker, at most `INVITATIONS_PER_HOUR` per
 * inviter (beyond: `limited`, nothing stored or queued). Only the token's hash is stored. Co-chairs invite (`canManageMembers`, decided here; 403 otherwise).
 */
export function inviteMember(db: Db, input: InviteInput): InviteOutcome {
	return db.transaction(() => {
		const { membership } = standingIn(db, input.taskForce.id, input.inviter.id)
		authorize(canManageMembers(membership), 'Only co-chairs invite people.')
		return invite(db, input)
	})
}

type InviteInput = {
	taskForce: TaskForceRef
	inviter: Inviter
	email: string
	role: Role
	subcommitteeId?: string
	origin: string
	now: number
}

function invite(db: Db, input: InviteInput): InviteOutcome {
	const { taskForce, inviter, email, role, now } = input
	const subcommitteeId = input.subcommitteeId || null
	if (subcommitteeId) {
		const known = db
			.select({ id: subcommittees.id })
			.from(subcommittees)
			.where(and(eq(subcommittees.id, subcommitteeId), eq(subcommittees.taskForceId, taskForce.id)))
			.get()
		if (!known)
			return { kind: 'error', field: 'subcommitteeId', message: 'Choose a subcommittee of this task force.' }
	}
	const existing = db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(eq(users.email, email))
		.get()
	if (existing) {
		const member = db
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.taskForceId, taskForce.id), eq(memberships.userId, existing.id)))
			.get()
		if (member) {
			return {
				kind: 'error',
				field: 'email',
				message: `${existing.name} is already a member (${ROLE_LABELS[member.role]}).`,
			}
		}
		db.transaction((tx) => {
			tx.insert(memberships)
				.values({ taskForceId: taskForce.id, userId: existing.id, role, joinedAt: now })
				.run()
			addToSubcommittee(tx, taskForce.id, existing.id, role === 'observer' ? null : subcommitteeId)
			// An invitation to someone who has an account: they hear of it as any notice, by their choice.
			noticeMembers(tx, {
				userIds: [existing.id],
				taskForceId: taskForce.id,
				actorId: inviter.id,
				kind: 'member_added',
				title: `${inviter.name} added you to ${taskForce.name}`,
				body: `You are ${ROLE_LABELS[role].toLowerCase()}. The dashboard shows the phase, the work and the people.`,
				path: '/t/{slug}',
				now,
			})
			recordActivity(
				tx,
				{
					taskForceId: taskForce.id,
					actorId: inviter.id,
					verb: 'member.added',
					subjectType: 'user',
					subjectId: existing.id,
					data: { role },
				},
				now,
			)
		})
		return { kind: 'added', email, name: existing.name }
	}

	const limited = invitationLimit(db, inviter.id, now)
	if (limited) return limited
	const token = generateSessionToken()
	const link = `${input.origin}/invite/${token}`
	db.transaction((tx) => {
		tx.insert(invitations)
			.values({
				id: hashToken(token),
				taskForceId: taskForce.id,
				email,
				role,
				subcommitteeId: role === 'observer' ? null : subcommitteeId,
				invitedBy: inviter.id,
				createdAt: now,
				expiresAt: now + INVITATION_LIFETIME_MS,
			})
			.run()
		enqueueMail(tx, {
			to: email,
			userId: null,
			subject: `${inviter.name} invited you to ${taskForce.name} on Convene`,
			body: `${inviter.name} invited you to join ${taskForce.name} as ${ROLE_LABELS[role].toLowerCase()}.\n\nAccept within 7 days: ${link}\n\nIf you were not expecting this, you can ignore this message.`,
			payload: {
				template: 'invitation',
				inviterName: inviter.name,
				taskForceName: taskForce.name,
				role: ROLE_LABELS[role].toLowerCase(),
				link,
			},
			now,
		})
		recordActivity(
			tx,
			{
				taskForceId: taskForce.id,
				actorId: inviter.id,
				verb: 'invitation.created',
				subjectType: 'invitation',
				data: { email, role },
			},
			now,
		)
	})
	return { kind: 'invited', email, link }
}

export type InvitationView =
	| {
			state: 'valid'
			email: string
			role: Role
			taskForce: { slug: string; name: string }
			hasAccount: boolean
	  }
	| { state: 'expired' | 'used' | 'unknown' }

/** What an invitation link leads to, without revealing anything for an unknown token. */
export function getInvitation(db: Db, token: string, now: number): InvitationView {
	const row = db
		.select({ invitation: invitations, slug: taskForces.slug, name: taskForces.name })
		.from(invitations)
		.innerJoin(taskForces, eq(taskForces.id, invitations.taskForceId))
		.where(eq(invitations.id, hashToken(token)))
		.get()
	if (!row) return { state: 'unknown' }
	if (row.invitation.acceptedAt !== null) return { state: 'used' }
	if (now >= row.invitation.expiresAt) return { state: 'expired' }
	const hasAccount = Boolean(
		db.select({ id: users.id }).from(users).where(eq(users.email, row.invitation.email)).get(),
	)
	return {
		state: 'valid',
		email: row.invitation.email,
		role: row.invitation.role,
		taskForce: { slug: row.slug, name: row.name },
		hasAccount,
	}
}

/**
 * Accepts an invitation: creates the account (or uses the signed-in one with the invited email),
 * adds the membership and subcommittee, and marks the invitation used — all in one transaction,
 * and only if the invitation is still unused and unexpired at that moment.
 */
export function acceptInvitation(
	db: Db,
	token: string,
	account:
		| { existingUserId: string }
		| { name: string; title?: string; organizationId: string; passwordHash: string },
	now: number,
): { ok: true; userId: string; slug: string } | { ok: false; message: string } {
	return db.transaction((tx) => {
		const invitation = tx
			.select()
			.from(invitations)
			.where(eq(invitations.id, hashToken(token)))
			.get()
		if (!invitation || invitation.acceptedAt !== null || now >= invitation.expiresAt) {
			return {
				ok: false as const,
				message: 'This invitation is no longer valid. Ask a co-chair for a new one.',
			}
		}
		let userId: string
		if ('existingUserId' in account) {
			userId = account.existingUserId
		} else {
			if (tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).get()) {
				return {
					ok: false as const,
					message: 'An account with this email already exists. Sign in, then open the link again.',
				}
			}
			userId = createId()
			tx.insert(users)
				.values({
					id: userId,
					email: invitation.email,
					name: account.name,
					title: account.title || null,
					organizationId: account.organizationId,
					passwordHash: account.passwordHash,
					createdAt: now,
				})
				.run()
		}
		tx.insert(memberships)
			.values({ taskForceId: invitation.taskForceId, userId, role: invitation.role, joinedAt: now })
			.onConflictDoNothing()
			.run()
		addToSubcommittee(tx, invitation.taskForceId, userId, invitation.subcommitteeId)
		tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id)).run()
		recordActivity(
			tx,
			{
				taskForceId: invitation.taskForceId,
				actorId: userId,
				verb: 'invitation.accepted',
				subjectType: 'user',
				subjectId: userId,
				data: { role: invitation.role },
			},
			now,
		)
		const slug =
			tx
				.select({ slug: taskForces.slug })
				.from(taskForces)
				.where(eq(taskForces.id, invitation.taskForceId))
				.get()?.slug ?? ''
		return { ok: true as const, userId, slug }
	})
}

/** Invitations not yet accepted, for the members page. */
export function listPendingInvitations(db: Db, taskForceId: string, now: number) {
	return db
		.select({
			email: invitations.email,
			role: invitations.role,
			expiresAt: invitations.expiresAt,
			createdAt: invitations.createdAt,
		})
		.from(invitations)
		.where(and(eq(invitations.taskForceId, taskForceId), isNull(invitations.acceptedAt)))
		.all()
		.filter((invitation) => invitation.expiresAt > now)
}
