import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { CREDIT_CHOICES, SECTORS } from '#shared/domain.ts'

export const organizations = sqliteTable(
	'organizations',
	{
		id: text().primaryKey(),
		name: text().notNull().unique(),
		sector: text({ enum: SECTORS }).notNull(),
		region: text(),
	},
	(t) => [index('organizations_sector_idx').on(t.sector)],
)

export const users = sqliteTable(
	'users',
	{
		id: text().primaryKey(),
		// Stored lower-cased so sign-in and invitations match however a person types it.
		email: text().notNull().unique(),
		name: text().notNull(),
		title: text(),
		organizationId: text().references(() => organizations.id, { onDelete: 'set null' }),
		// Null until the person sets a password (e.g. accepts an invitation).
		passwordHash: text(),
		isAdmin: integer({ mode: 'boolean' }).notNull().default(false),
		/** How published editions credit the person: with organization, name only, or not at all. */
		creditAs: text({ enum: CREDIT_CHOICES }).notNull().default('name_and_organization'),
		/** The person's time zone, for the hour of their daily digest. */
		timeZone: text().notNull().default('America/New_York'),
		/** Hour of the day (0–23, in `timeZone`) their digest is sent. */
		digestHour: integer().notNull().default(8),
		/** When their last digest was sent (or would have been, had it been empty). */
		lastDigestAt: integer(),
		/** The secret of their one-click unsubscribe links (random; made when first needed). */
		mailToken: text(),
		createdAt: integer().notNull(),
		disabledAt: integer(),
	},
	(t) => [
		index('users_organization_idx').on(t.organizationId),
		check('users_email_lower_case', sql.raw('email = lower(email)')),
	],
)

export const sessions = sqliteTable(
	'sessions',
	{
		// SHA-256 of the session token, hex: a leaked database holds no usable session.
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer().notNull(),
		createdAt: integer().notNull(),
	},
	(t) => [index('sessions_user_idx').on(t.userId)],
)

export const calendarFeeds = sqliteTable(
	'calendar_feeds',
	{
		// SHA-256 of the subscription token, hex.
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer().notNull(),
		revokedAt: integer(),
	},
	(t) => [index('calendar_feeds_user_idx').on(t.userId)],
)

/**
 * The outbox: every email Convene sends, written in the same transaction as the change that
 * caused it. The mail worker sends each once (its `messageId` is fixed when it is written, so a
 * retry after a crash is the same message), retries with backoff, and gives up after a day with
 * the failure kept for admins. `body` is the plain text as queued (links as paths); `payload`
 * holds what the worker renders the text and HTML parts from, with the instance's origin.
 */
export const outboundMessages = sqliteTable(
	'outbound_messages',
	{
		id: text().primaryKey(),
		to: text().notNull(),
		subject: text().notNull(),
		body: text().notNull(),
		/** JSON of `server/notifications/mail-content.server.ts`; null for messages queued before it. */
		payload: text(),
		/** The person it is for, when they have an account (invitations may not). */
		userId: text().references(() => users.id, { onDelete: 'cascade' }),
		/** `<id@convene>`: the same on every attempt, so a receiver sees one message. */
		messageId: text(),
		createdAt: integer().notNull(),
		attempts: integer().notNull().default(0),
		/** Not sent before this instant (backoff after a failure). */
		nextAttemptAt: integer().notNull().default(0),
		lastError: text(),
		/** Given up: the failure stays for admins to see. */
		failedAt: integer(),
		sentAt: integer(),
	},
	// The worker drains unsent messages oldest first.
	(t) => [index('outbound_messages_unsent_idx').on(t.sentAt, t.createdAt)],
)
