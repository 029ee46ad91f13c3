import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { EMAIL_DELIVERIES, NOTIFICATION_KINDS } from '#shared/notifications.ts'
import { users } from './people.ts'
import { taskForces } from './task-forces.ts'

/**
 * A person's inbox: one row per thing they are told about, linking to it. `delivery` is how its
 * email goes, decided when it is made from their settings; `digestedAt` marks one a digest has
 * carried. `dedupeKey` makes a reminder happen once (`due-3:<assignment>:<due date>`).
 */
export const notifications = sqliteTable(
	'notifications',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		taskForceId: text().references(() => taskForces.id, { onDelete: 'cascade' }),
		kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
		title: text().notNull(),
		body: text().notNull().default(''),
		/** Our own path of the thing it is about. */
		path: text().notNull(),
		delivery: text({ enum: EMAIL_DELIVERIES }).notNull(),
		dedupeKey: text(),
		createdAt: integer().notNull(),
		readAt: integer(),
		digestedAt: integer(),
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
		index('notifications_digest_idx').on(t.delivery, t.digestedAt),
		uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey),
	],
)

/** A person's choice of email delivery per kind; a kind without a row uses the default. */
export const notificationSettings = sqliteTable(
	'notification_settings',
	{
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
		delivery: text({ enum: EMAIL_DELIVERIES }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })],
)
