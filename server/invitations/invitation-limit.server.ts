import { and, count, eq, gt, min } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { invitations } from '#db/schema/index.ts'
import { windowWait } from '../http/window-wait.server.ts'

/**
 * Invitation emails one person may cause per hour, across task forces: enough to invite a whole
 * subcommittee at kickoff, too few to turn Convene into a mailer for someone else's list.
 */
export const INVITATIONS_PER_HOUR = 50
const HOUR_MS = 3_600_000

/**
 * Null while the inviter may send another invitation email; otherwise how long until the oldest
 * one of the last hour leaves the window, and a sentence saying so. Counted from `invitations`
 * (indexed by inviter and time), so a restart does not reset it.
 */
export function invitationLimit(db: Queryable, inviterId: string, now: number) {
	const row = db
		.select({ sent: count(), oldest: min(invitations.createdAt) })
		.from(invitations)
		.where(and(eq(invitations.invitedBy, inviterId), gt(invitations.createdAt, now - HOUR_MS)))
		.get()
	if ((row?.sent ?? 0) < INVITATIONS_PER_HOUR) return null
	const wait = windowWait(row?.oldest ?? now, HOUR_MS, now)
	return {
		kind: 'limited' as const,
		retryAfterSeconds: wait.seconds,
		message: `You have sent ${INVITATIONS_PER_HOUR} invitations in the last hour, the most one person can send. Try again in ${wait.inMinutes}; nothing was sent for this address.`,
	}
}
