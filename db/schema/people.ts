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

export const outboundMessages = sqliteTable(
	'outbound_messages',
	{
		id: text().primaryKey(),
		to: text().notNull(),
		subject: text().notNull(),
		body: text().notNull(),
		createdAt: integer().notNull(),
		sentAt: integer(),
	},
	// A mailer drains unsent messages oldest first.
	(t) => [index('outbound_messages_unsent_idx').on(t.sentAt, t.createdAt)],
)
