import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import {
	activity,
	invitations,
	memberships,
	notifications,
	outboundMessages,
	subcommitteeMembers,
	subcommittees,
} from '#db/schema/index.ts'
import { hashPassword } from '#server/auth/password.server.ts'
import { INVITATIONS_PER_HOUR } from '#server/invitations/invitation-limit.server.ts'
import {
	acceptInvitation,
	getInvitation,
	INVITATION_LIFETIME_MS,
	inviteMember,
} from '#server/invitations/invitations.server.ts'
import { changeRole, removeMember } from '#server/members/member-changes.server.ts'
import { addMember, createTaskForce, createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const T0 = Date.parse('2026-11-28T12:00:00Z')

function setting() {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db)
	const chair = createUser(db, { name: 'Dana Whitfield' })
	addMember(db, taskForce.id, chair.id, 'co_chair')
	db.insert(subcommittees)
		.values({ id: 'sub-engagement', taskForceId: taskForce.id, name: 'Engagement' })
		.run()
	const invite = (
		email: string,
		role: 'member' | 'observer' | 'co_chair' = 'member',
		options: { now?: number; inviter?: typeof chair } = {},
	) =>
		inviteMember(db, {
			taskForce,
			inviter: options.inviter ?? chair,
			email,
			role,
			subcommitteeId: 'sub-engagement',
			origin: 'https://convene.example.org',
			now: options.now ?? T0,
		})
	return { db, taskForce, chair, invite }
}

function tokenOf(outcome: ReturnType<ReturnType<typeof setting>['invite']>) {
	if (outcome.kind !== 'invited') throw new Error(`expected an invitation, got ${outcome.kind}`)
	return outcome.link.split('/invite/')[1] ?? ''
}

describe('invitations', () => {
	test('inviting a new email stores only the token hash and queues a message with the link', () => {
		const { db, invite } = setting()
		const outcome = invite('new.member@city.gov')
		const token = tokenOf(outcome)
		expect(outcome.kind === 'invited' && outcome.link).toMatch(
			/^https:\/\/convene\.example\.org\/invite\/[a-z2-7]{32}$/,
		)
		const stored = db.select().from(invitations).all()
		expect(stored).toHaveLength(1)
		expect(stored[0]?.id).not.toBe(token)
		expect(stored[0]?.expiresAt).toBe(T0 + INVITATION_LIFETIME_MS)
		const [message] = db.select().from(outboundMessages).all()
		expect(message?.to).toBe('new.member@city.gov')
		expect(message?.body).toContain(`/invite/${token}`)
		expect(message?.sentAt).toBeNull()
		const [entry] = db.select().from(activity).where(eq(activity.verb, 'invitation.created')).all()
		expect(JSON.stringify(entry)).not.toContain(token)
	})

	test('accepting creates the account, membership and subcommittee seat, and works only once', async () => {
		const { db, taskForce, invite } = setting()
		const token = tokenOf(invite('new.member@city.gov'))
		expect(getInvitation(db, token, T0 + 1000)).toMatchObject({
			state: 'valid',
			email: 'new.member@city.gov',
		})
		const account = {
			name: 'New Member',
			organizationId: null as unknown as string,
			passwordHash: await hashPassword('river-lantern-ballot-7'),
		}
		const accepted = acceptInvitation(db, token, account, T0 + 1000)
		expect(accepted.ok).toBe(true)
		if (!accepted.ok) return
		expect(db.select().from(memberships).where(eq(memberships.userId, accepted.userId)).get()?.role).toBe(
			'member',
		)
		expect(
			db.select().from(subcommitteeMembers).where(eq(subcommitteeMembers.userId, accepted.userId)).all(),
		).toHaveLength(1)
		expect(accepted.slug).toBe(taskForce.slug)
		expect(getInvitation(db, token, T0 + 2000).state).toBe('used')
		expect(acceptInvitation(db, token, account, T0 + 2000)).toMatchObject({ ok: false })
	})

	test('an invitation expires after seven days', () => {
		const { db, invite } = setting()
		const token = tokenOf(invite('late@city.gov'))
		const after = T0 + INVITATION_LIFETIME_MS
		expect(getInvitation(db, token, after - 1).state).toBe('valid')
		expect(getInvitation(db, token, after).state).toBe('expired')
		expect(
			acceptInvitation(
				db,
				token,
				{ name: 'Late', organizationId: null as unknown as string, passwordHash: 'x' },
				after,
			),
		).toMatchObject({ ok: false })
	})

	test('an unknown token reveals nothing', () => {
		const { db } = setting()
		expect(getInvitation(db, 'made-up-token', T0)).toEqual({ state: 'unknown' })
	})

	test('inviting someone who already has an account adds them at once; inviting a member again is refused', () => {
		const { db, taskForce, invite } = setting()
		const existing = createUser(db, { email: 'known@city.gov', name: 'Known Person' })
		expect(invite('known@city.gov')).toEqual({ kind: 'added', email: 'known@city.gov', name: 'Known Person' })
		expect(db.select().from(memberships).where(eq(memberships.userId, existing.id)).get()?.taskForceId).toBe(
			taskForce.id,
		)
		expect(db.select().from(invitations).all()).toHaveLength(0)
		// They hear of it in their inbox and, by default, by email at once.
		expect(
			db
				.select({ title: notifications.title, path: notifications.path })
				.from(notifications)
				.where(eq(notifications.userId, existing.id))
				.all(),
		).toEqual([{ title: `Dana Whitfield added you to ${taskForce.name}`, path: `/t/${taskForce.slug}` }])
		expect(db.select({ to: outboundMessages.to }).from(outboundMessages).all()).toEqual([
			{ to: 'known@city.gov' },
		])
		expect(invite('known@city.gov')).toMatchObject({
			kind: 'error',
			field: 'email',
			message: 'Known Person is already a member (Member).',
		})
	})

	test(`a co-chair sends at most ${INVITATIONS_PER_HOUR} invitation emails an hour; past that nothing is stored or queued`, () => {
		const { db, taskForce, invite } = setting()
		const minute = 60_000
		// One a minute from T0, with the last hour's worth sent by T0 + 49 minutes.
		for (let i = 0; i < INVITATIONS_PER_HOUR; i++) {
			expect(invite(`person${i}@city.gov`, 'member', { now: T0 + i * minute }).kind).toBe('invited')
		}
		const limited = invite('one-more@city.gov', 'member', { now: T0 + 50 * minute })
		expect(limited).toEqual({
			kind: 'limited',
			retryAfterSeconds: 10 * 60,
			message: `You have sent ${INVITATIONS_PER_HOUR} invitations in the last hour, the most one person can send. Try again in 10 minutes; nothing was sent for this address.`,
		})
		expect(db.select().from(invitations).where(eq(invitations.email, 'one-more@city.gov')).all()).toEqual([])
		expect(db.select().from(outboundMessages).all()).toHaveLength(INVITATIONS_PER_HOUR)

		// Someone with an account is added, not emailed, so the limit does not stand in the way.
		const known = createUser(db, { email: 'known@city.gov' })
		expect(invite(known.email, 'member', { now: T0 + 50 * minute }).kind).toBe('added')
		// Another co-chair has their own hour.
		const other = createUser(db, { name: 'Sam Ortiz' })
		addMember(db, taskForce.id, other.id, 'co_chair')
		expect(invite('from-sam@city.gov', 'member', { now: T0 + 50 * minute, inviter: other }).kind).toBe(
			'invited',
		)
		// An hour after the first, one more fits again.
		expect(invite('one-more@city.gov', 'member', { now: T0 + 60 * minute }).kind).toBe('invited')
		expect(invite('and-another@city.gov', 'member', { now: T0 + 60 * minute }).kind).toBe('limited')
	})
})

describe('managing members', () => {
	test('a co-chair changes a role, and the last co-chair cannot step down or be removed', () => {
		const { db, taskForce, chair } = setting()
		const member = createUser(db)
		addMember(db, taskForce.id, member.id, 'member')
		expect(changeRole(db, chair, taskForce.id, member.id, 'observer', T0, live)).toMatchObject({ ok: true })
		expect(db.select().from(memberships).where(eq(memberships.userId, member.id)).get()?.role).toBe(
			'observer',
		)
		expect(changeRole(db, chair, taskForce.id, chair.id, 'member', T0, live)).toMatchObject({
			ok: false,
			message: 'Dana Whitfield is the only co-chair. Make someone else co-chair first.',
		})
		expect(removeMember(db, chair, taskForce.id, chair.id, T0, live)).toMatchObject({ ok: false })
	})

	test('removing a member takes away their membership, subcommittee seats and leadership together', () => {
		const { db, taskForce, chair } = setting()
		const lead = createUser(db)
		addMember(db, taskForce.id, lead.id, 'member')
		db.insert(subcommitteeMembers).values({ subcommitteeId: 'sub-engagement', userId: lead.id }).run()
		db.update(subcommittees).set({ leadUserId: lead.id }).where(eq(subcommittees.id, 'sub-engagement')).run()
		expect(removeMember(db, chair, taskForce.id, lead.id, T0, live)).toMatchObject({ ok: true })
		expect(db.select().from(memberships).where(eq(memberships.userId, lead.id)).all()).toHaveLength(0)
		expect(
			db.select().from(subcommitteeMembers).where(eq(subcommitteeMembers.userId, lead.id)).all(),
		).toHaveLength(0)
		expect(db.select().from(subcommittees).get()?.leadUserId).toBeNull()
		expect(db.select().from(activity).where(eq(activity.verb, 'member.removed')).all()).toHaveLength(1)
	})
})
