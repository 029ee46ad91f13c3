import { eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { outboundMessages } from '#db/schema/index.ts'
import type { NotificationKind } from '#shared/notifications.ts'

/**
 * What an outbox row's email is made from (`payload`, JSON). The mail worker renders the plain-text
 * and HTML parts from it with the instance's origin (`PUBLIC_ORIGIN`), so links are absolute and a
 * message queued before a change of origin still points at the right place.
 */
export type MailPayload =
	| {
			template: 'notification'
			kind: NotificationKind
			title: string
			body: string
			/** Our own path of the thing it is about. */
			path: string
			taskForceName: string | null
	  }
	| {
			template: 'invitation'
			inviterName: string
			taskForceName: string
			role: string
			/** The absolute `/invite/…` link (made from the inviter's request). */
			link: string
	  }
	| {
			template: 'digest'
			items: { kind: NotificationKind; title: string; path: string; taskForceName: string | null }[]
	  }

/**
 * Queues one email in the caller's transaction: it is sent only if the change that caused it
 * commits. `messageId` is fixed now, so every attempt sends the same message.
 */
export function enqueueMail(
	db: Queryable,
	input: {
		to: string
		userId: string | null
		subject: string
		body: string
		payload: MailPayload
		now: number
	},
): string {
	const id = createId()
	db.insert(outboundMessages)
		.values({
			id,
			to: input.to,
			userId: input.userId,
			subject: input.subject,
			body: input.body,
			payload: JSON.stringify(input.payload),
			messageId: `<${id}@convene.invalid>`,
			createdAt: input.now,
		})
		.run()
	return id
}

/** Marks a queued email sent (the worker, after the SMTP server accepted it). */
export function markMailSent(db: Queryable, id: string, now: number): void {
	db.update(outboundMessages).set({ sentAt: now }).where(eq(outboundMessages.id, id)).run()
}
