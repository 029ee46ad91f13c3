import { desc, isNull } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { outboundMessages } from '#db/schema/index.ts'

export type UnsentMail = {
	id: string
	to: string
	subject: string
	/** The plain text as queued; an invitation's holds its `/invite/…` link. */
	body: string
	createdAt: number
	attempts: number
	lastError: string | null
	/** When the worker gave up on it (a day after it was queued); null while it is still tried. */
	failedAt: number | null
	nextAttemptAt: number
}

/** The latest messages of the outbox not sent (waiting or given up), newest first, for admins. */
export function listUnsentMail(db: Queryable, limit = 50): UnsentMail[] {
	return db
		.select({
			id: outboundMessages.id,
			to: outboundMessages.to,
			subject: outboundMessages.subject,
			body: outboundMessages.body,
			createdAt: outboundMessages.createdAt,
			attempts: outboundMessages.attempts,
			lastError: outboundMessages.lastError,
			failedAt: outboundMessages.failedAt,
			nextAttemptAt: outboundMessages.nextAttemptAt,
		})
		.from(outboundMessages)
		.where(isNull(outboundMessages.sentAt))
		.orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
		.limit(limit)
		.all()
}
