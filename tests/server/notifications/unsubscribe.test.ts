import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { notificationSettings, users } from '#db/schema/index.ts'
import { findUnsubscribe, unsubscribe } from '#server/notifications/unsubscribe.server.ts'
import { NOTIFICATION_KIND_LABELS } from '#shared/notifications.ts'
import { createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567'

function setting() {
	const { db } = createTempDatabase()
	const person = createUser(db, { mailToken: TOKEN })
	const other = createUser(db)
	const delivery = (
		userId: string,
		kind: 'mention' | 'thread_reply' | 'phase_changed' | 'assignment_assigned',
	) =>
		db
			.select({ delivery: notificationSettings.delivery })
			.from(notificationSettings)
			.where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.kind, kind)))
			.get()?.delivery
	return { db, person, other, delivery }
}

test('an unknown token, a malformed one or an unknown kind is not a link, and changes nothing', () => {
	const { db } = setting()
	expect(findUnsubscribe(db, 'bcdefghijklmnopqrstuvwxyz2345672', 'mention')).toBeNull()
	expect(findUnsubscribe(db, 'x1y2z3', 'mention')).toBeNull()
	expect(findUnsubscribe(db, TOKEN, 'everything')).toBeNull()
	expect(unsubscribe(db, TOKEN, 'x1y2z3')).toBeNull()
	expect(db.select().from(notificationSettings).all()).toEqual([])
})

test('the link turns that kind off for its person only, whatever was set before, and twice is harmless', () => {
	const { db, person, other, delivery } = setting()
	expect(findUnsubscribe(db, TOKEN, 'mention')).toEqual({
		userId: person.id,
		kind: 'mention',
		label: NOTIFICATION_KIND_LABELS.mention,
	})
	db.insert(notificationSettings).values({ userId: person.id, kind: 'mention', delivery: 'immediate' }).run()
	expect(unsubscribe(db, TOKEN, 'mention')?.kind).toBe('mention')
	expect(delivery(person.id, 'mention')).toBe('off')
	expect(unsubscribe(db, TOKEN, 'mention')?.kind).toBe('mention')
	expect(delivery(person.id, 'mention')).toBe('off')
	expect(unsubscribe(db, TOKEN, 'assignment_assigned')?.kind).toBe('assignment_assigned')
	expect(delivery(person.id, 'assignment_assigned')).toBe('off')
	expect(delivery(other.id, 'mention')).toBeUndefined()
	expect(
		db.select().from(notificationSettings).where(eq(notificationSettings.userId, other.id)).all(),
	).toEqual([])
})

test('the digest link turns off every kind that goes to the digest, and leaves emails sent at once alone', () => {
	const { db, person, delivery } = setting()
	db.insert(notificationSettings).values({ userId: person.id, kind: 'mention', delivery: 'digest' }).run()
	expect(unsubscribe(db, TOKEN, 'digest')?.label).toBe('the daily digest')
	expect(delivery(person.id, 'mention')).toBe('off')
	// thread_reply and phase_changed go to the digest by default.
	expect(delivery(person.id, 'thread_reply')).toBe('off')
	expect(delivery(person.id, 'phase_changed')).toBe('off')
	// assignment_assigned is sent at once by default: untouched.
	expect(delivery(person.id, 'assignment_assigned')).toBeUndefined()
	expect(db.select({ t: users.mailToken }).from(users).where(eq(users.id, person.id)).get()?.t).toBe(TOKEN)
})
