import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { notifications, outboundMessages, users } from '#db/schema/index.ts'
import { listInbox, markAllRead, markRead, unreadCount } from '#server/notifications/inbox.server.ts'
import { notify } from '#server/notifications/notify.server.ts'
import { getNotificationSettings, saveNotificationSettings } from '#server/notifications/settings.server.ts'
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS } from '#shared/notifications.ts'
import { notificationSettingsSchema } from '#shared/validation/notifications.ts'
import { createTaskForce, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

function setup() {
	const { db } = createTempDatabase()
	const reader = createUser(db)
	const other = createUser(db)
	const actor = createUser(db)
	const genai = createTaskForce(db, { name: 'GenAI' })
	const water = createTaskForce(db, { name: 'Water' })
	let at = 1_000
	const tell = (userId: string, taskForceId: string | null, title: string, kind = 'thread_reply' as const) =>
		notify(db, {
			userIds: [userId],
			actorId: actor.id,
			taskForceId,
			kind,
			title,
			path: `/p/${title}`,
			now: at++,
		})
	return { db, reader, other, actor, genai, water, tell }
}

const idsOf = (db: ReturnType<typeof setup>['db'], userId: string) =>
	db
		.select({ id: notifications.id, title: notifications.title })
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.all()

describe('the inbox', () => {
	test('counts unread notifications, per person', () => {
		const { db, reader, other, tell } = setup()
		expect(unreadCount(db, reader.id)).toBe(0)
		tell(reader.id, null, 'one')
		tell(reader.id, null, 'two')
		tell(other.id, null, 'theirs')
		expect(unreadCount(db, reader.id)).toBe(2)
		expect(unreadCount(db, other.id)).toBe(1)
	})

	test('lists newest first, grouped by task force, with no task force under "Convene"', () => {
		const { db, reader, other, genai, water, tell } = setup()
		tell(reader.id, genai.id, 'g1')
		tell(reader.id, null, 'c1')
		tell(reader.id, water.id, 'w1')
		tell(reader.id, genai.id, 'g2')
		tell(other.id, genai.id, 'not mine')
		const groups = listInbox(db, reader.id)
		expect(groups.map((group) => [group.name, group.items.map((item) => item.title)])).toEqual([
			['GenAI', ['g2', 'g1']],
			['Water', ['w1']],
			['Convene', ['c1']],
		])
		expect(groups[0]?.items[0]).toMatchObject({ path: '/p/g2', read: false, kind: 'thread_reply' })
		expect(listInbox(db, reader.id, { limit: 2 }).flatMap((group) => group.items)).toHaveLength(2)
	})

	test('marks read only the person’s own notification; an unknown id is a no-op', () => {
		const { db, reader, other, tell } = setup()
		tell(reader.id, null, 'mine')
		tell(other.id, null, 'theirs')
		const [mine] = idsOf(db, reader.id)
		const [theirs] = idsOf(db, other.id)
		if (!mine || !theirs) throw new Error('no notifications')
		expect(markRead(db, reader.id, theirs.id, 5_000)).toBe(false)
		expect(unreadCount(db, other.id)).toBe(1)
		expect(markRead(db, reader.id, 'nosuchidnosuchid', 5_000)).toBe(false)
		expect(markRead(db, reader.id, mine.id, 5_000)).toBe(true)
		expect(unreadCount(db, reader.id)).toBe(0)
		// Again: still true, and the first time it was read stays.
		expect(markRead(db, reader.id, mine.id, 9_000)).toBe(true)
		expect(db.select().from(notifications).where(eq(notifications.id, mine.id)).get()?.readAt).toBe(5_000)
		expect(listInbox(db, reader.id)[0]?.items[0]?.read).toBe(true)
	})

	test('marks all of the person’s notifications read, nobody else’s', () => {
		const { db, reader, other, genai, tell } = setup()
		tell(reader.id, genai.id, 'a')
		tell(reader.id, null, 'b')
		tell(other.id, null, 'c')
		expect(markAllRead(db, reader.id, 5_000)).toBe(2)
		expect(unreadCount(db, reader.id)).toBe(0)
		expect(unreadCount(db, other.id)).toBe(1)
		expect(markAllRead(db, reader.id, 6_000)).toBe(0)
	})
})

describe('notification settings', () => {
	test('start from the defaults and the person’s digest hour and time zone', () => {
		const { db, reader } = setup()
		expect(getNotificationSettings(db, reader.id)).toEqual({
			deliveries: DEFAULT_DELIVERY,
			digestHour: 8,
			timeZone: 'America/New_York',
		})
		expect(getNotificationSettings(db, 'nosuchidnosuchid')).toBeNull()
	})

	test('are saved and read back, and saving again replaces them', () => {
		const { db, reader, other } = setup()
		const form = {
			...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, 'digest'])),
			thread_reply: 'off',
			mention: 'immediate',
			digestHour: '17',
			timeZone: 'Europe/Berlin',
		}
		const parsed = notificationSettingsSchema.parse(form)
		saveNotificationSettings(db, reader.id, parsed)
		saveNotificationSettings(db, reader.id, { ...parsed, review_requested: 'off' })
		const saved = getNotificationSettings(db, reader.id)
		expect(saved?.digestHour).toBe(17)
		expect(saved?.timeZone).toBe('Europe/Berlin')
		expect(saved?.deliveries).toMatchObject({
			thread_reply: 'off',
			mention: 'immediate',
			review_requested: 'off',
			edition_published: 'digest',
		})
		expect(getNotificationSettings(db, other.id)?.deliveries).toEqual(DEFAULT_DELIVERY)
		expect(db.select().from(users).where(eq(users.id, reader.id)).get()?.timeZone).toBe('Europe/Berlin')
	})

	test('refuse an hour outside 0–23, a fraction, an unknown time zone or delivery', () => {
		const valid = {
			...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, 'off'])),
			digestHour: '0',
			timeZone: 'UTC',
		}
		expect(notificationSettingsSchema.safeParse(valid).success).toBe(true)
		expect(notificationSettingsSchema.safeParse({ ...valid, digestHour: '23' }).success).toBe(true)
		for (const bad of [
			{ digestHour: '24' },
			{ digestHour: '-1' },
			{ digestHour: '7.5' },
			{ digestHour: '' },
			{ timeZone: 'Mars/Olympus' },
			{ mention: 'weekly' },
			{ mention: undefined },
		]) {
			expect(notificationSettingsSchema.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(
				false,
			)
		}
	})

	test('decide the email: "immediate" queues one, "digest" and "off" none; the inbox gets all', () => {
		const { db, reader, actor } = setup()
		const choose = (delivery: 'immediate' | 'digest' | 'off') =>
			saveNotificationSettings(db, reader.id, {
				...notificationSettingsSchema.parse({
					...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery])),
					digestHour: '8',
					timeZone: 'UTC',
				}),
			})
		const send = (title: string) =>
			notify(db, {
				userIds: [reader.id],
				actorId: actor.id,
				taskForceId: null,
				kind: 'mention',
				title,
				path: '/',
				now: 1_000,
			})
		const emails = () =>
			db.select().from(outboundMessages).where(eq(outboundMessages.userId, reader.id)).all().length
		choose('off')
		expect(send('off')).toBe(1)
		expect(emails()).toBe(0)
		choose('digest')
		send('digest')
		expect(emails()).toBe(0)
		choose('immediate')
		send('immediate')
		expect(emails()).toBe(1)
		expect(unreadCount(db, reader.id)).toBe(3)
		expect(
			db
				.select({ delivery: notifications.delivery })
				.from(notifications)
				.where(eq(notifications.userId, reader.id))
				.all()
				.map((row) => row.delivery)
				.sort(),
		).toEqual(['digest', 'immediate', 'off'])
	})
})
