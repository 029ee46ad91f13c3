import { and, asc, eq, isNull, lte } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { Db } from '#db/client.server.ts'
import { outboundMessages, users } from '#db/schema/index.ts'
import { generateSessionToken } from '../auth/session.server.ts'
import type { Config } from '../config.server.ts'
import type { Logger } from '../logger.server.ts'
import { renderMail } from './mail-content.server.ts'
import type { MailPayload } from './outbox.server.ts'
import { markMailSent } from './outbox.server.ts'

export type MailWorker = {
	/** Stops the timer and waits for the batch in progress (a send still running after 5 s is aborted). */
	stop: () => Promise<void>
	/** Runs one batch now (after the one in progress, if any). */
	drainNow: () => Promise<void>
}

/** How often the outbox is looked at, and how many messages one look sends at most. */
const MAIL_POLL_MS = 1000
const MAIL_BATCH = 20
/** After a failure the next attempt waits 10 s, then 20 s, 40 s … up to 15 minutes. */
const FIRST_RETRY_MS = 10_000
const MAX_RETRY_MS = 15 * 60_000
/** A message not sent within a day of being queued is given up, its last error kept for admins. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000
const STOP_GRACE_MS = 5000

/** The wait before attempt `attempts + 1`, after `attempts` failures (1 or more). */
export function retryDelay(attempts: number): number {
	return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS)
}

function parsePayload(value: string | null): MailPayload | null {
	if (!value) return null
	try {
		return JSON.parse(value) as MailPayload
	} catch {
		return null
	}
}

/** The person's unsubscribe secret, made (once, in a transaction) when first needed. */
function mailTokenOf(db: Db, userId: string): string | null {
	return db.transaction((tx) => {
		const row = tx.select({ mailToken: users.mailToken }).from(users).where(eq(users.id, userId)).get()
		if (!row) return null
		if (row.mailToken) return row.mailToken
		const token = generateSessionToken()
		tx.update(users).set({ mailToken: token }).where(eq(users.id, userId)).run()
		return token
	})
}

/** The kind a one-click unsubscribe turns off: a notification's own kind, or the whole digest. */
function unsubscribeKind(payload: MailPayload | null): string | null {
	if (payload?.template === 'notification') return payload.kind
	if (payload?.template === 'digest') return 'digest'
	return null
}

function shortError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error)
	return message.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error'
}

/**
 * Sends the outbox (`outbound_messages`) through the SMTP server of `SMTP_URL`, oldest first, one
 * batch a second. Each message goes with the Message-ID fixed when it was queued, so a message
 * sent again after a crash (accepted by the server, but the process died before it was marked
 * sent) is the same message to the receiver. A refused or failed send is retried with backoff; a
 * message still unsent a day after it was queued is given up (`failedAt`) and shown to admins.
 * Without `SMTP_URL` nothing is sent and the admin page lists the outbox instead.
 */
export function startMailWorker(options: {
	db: Db
	config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicOrigin' | 'port'>
	logger: Logger
	now: () => Date
}): MailWorker {
	const { db, config, logger, now } = options
	if (!config.smtpUrl) {
		logger.info('no SMTP_URL: emails stay in the outbox, listed on the admin page')
		return { stop: async () => {}, drainNow: async () => {} }
	}
	const transport = nodemailer.createTransport({
		url: config.smtpUrl,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000,
	})
	const origin = config.publicOrigin ?? `http://localhost:${config.port}`
	const abort = new AbortController()
	let stopping = false
	let running: Promise<void> | null = null

	async function sendOne(row: typeof outboundMessages.$inferSelect): Promise<void> {
		const payload = parsePayload(row.payload)
		const kind = unsubscribeKind(payload)
		const token = kind && row.userId ? mailTokenOf(db, row.userId) : null
		const unsubscribeUrl = token && kind ? `${origin}/unsubscribe/${token}/${kind}` : null
		const content = payload
			? renderMail(payload, { origin, unsubscribeUrl })
			: { text: row.body, html: undefined }
		try {
			await transport.sendMail({
				messageId: row.messageId ?? `<${row.id}@convene.invalid>`,
				from: config.mailFrom,
				to: row.to,
				subject: row.subject,
				text: content.text,
				...(content.html ? { html: content.html } : {}),
				...(unsubscribeUrl
					? {
							list: { unsubscribe: { url: unsubscribeUrl, comment: 'Unsubscribe' } },
							headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
						}
					: {}),
				signal: abort.signal,
			})
		} catch (error) {
			const at = now().getTime()
			const attempts = row.attempts + 1
			const lastError = shortError(error)
			const givingUp = at - row.createdAt >= GIVE_UP_AFTER_MS
			db.update(outboundMessages)
				.set({
					attempts,
					lastError,
					nextAttemptAt: at + retryDelay(attempts),
					...(givingUp ? { failedAt: at } : {}),
				})
				.where(eq(outboundMessages.id, row.id))
				.run()
			if (givingUp) {
				logger.error(
					{ mail: { id: row.id, attempts, error: lastError } },
					'email given up: not sent within a day of being queued',
				)
			} else {
				logger.warn(
					{ mail: { id: row.id, attempts, retryInMs: retryDelay(attempts), error: lastError } },
					'email not sent; will retry',
				)
			}
			return
		}
		markMailSent(db, row.id, now().getTime())
		logger.info({ mail: { id: row.id, attempts: row.attempts + 1 } }, 'email sent')
	}

	async function drain(): Promise<void> {
		const due = db
			.select()
			.from(outboundMessages)
			.where(
				and(
					isNull(outboundMessages.sentAt),
					isNull(outboundMessages.failedAt),
					lte(outboundMessages.nextAttemptAt, now().getTime()),
				),
			)
			.orderBy(asc(outboundMessages.createdAt), asc(outboundMessages.id))
			.limit(MAIL_BATCH)
			.all()
		for (const row of due) {
			if (stopping) return
			try {
				await sendOne(row)
			} catch (error) {
				// Rendering or the database failed for this one message: log it and go on.
				logger.error({ err: error, mail: { id: row.id } }, 'mail worker failed on a message')
			}
		}
	}

	function run(): Promise<void> {
		if (running) return running
		running = drain()
			.catch((error: unknown) => logger.error({ err: error }, 'mail worker failed'))
			.finally(() => {
				running = null
			})
		return running
	}

	const timer = setInterval(() => {
		if (!stopping) void run()
	}, MAIL_POLL_MS)
	timer.unref()
	logger.info({ mailFrom: config.mailFrom }, 'sending email through SMTP_URL')

	return {
		async drainNow() {
			if (stopping) return
			await running
			await run()
		},
		async stop() {
			stopping = true
			clearInterval(timer)
			if (running) {
				const grace = setTimeout(() => abort.abort(), STOP_GRACE_MS)
				await running
				clearTimeout(grace)
			}
			transport.close()
		},
	}
}
