import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, calendarFeeds } from '#db/schema/index.ts'
import { hashToken } from '#server/auth/session.server.ts'
import {
	calendarFeedUrl,
	createCalendarFeed,
	findCalendarFeedOwner,
	getCalendarFeedStatus,
	revokeCalendarFeed,
	tokenFromFeedFile,
} from '#server/calendar/subscriptions.server.ts'
import { createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const T0 = Date.parse('2026-11-28T12:00:00Z')

function setting() {
	const { db } = createTempDatabase()
	const person = createUser(db, { name: 'Wren Writer' })
	return { db, person }
}

describe('calendar subscription links', () => {
	test('creating a link stores only the hash of its token', () => {
		const { db, person } = setting()
		const token = createCalendarFeed(db, person.id, T0)
		expect(token).toMatch(/^[a-z2-7]{32}$/)
		const rows = db.select().from(calendarFeeds).all()
		expect(rows).toEqual([{ id: hashToken(token), userId: person.id, createdAt: T0, revokedAt: null }])
		expect(getCalendarFeedStatus(db, person.id)).toEqual({ createdAt: T0 })
		expect(findCalendarFeedOwner(db, token)).toEqual({ id: person.id, name: 'Wren Writer' })
	})

	test('a new link revokes the old one', () => {
		const { db, person } = setting()
		const first = createCalendarFeed(db, person.id, T0)
		const second = createCalendarFeed(db, person.id, T0 + 1000)
		expect(findCalendarFeedOwner(db, first)).toBeNull()
		expect(findCalendarFeedOwner(db, second)?.id).toBe(person.id)
		const old = db
			.select()
			.from(calendarFeeds)
			.where(eq(calendarFeeds.id, hashToken(first)))
			.get()
		expect(old?.revokedAt).toBe(T0 + 1000)
		expect(getCalendarFeedStatus(db, person.id)).toEqual({ createdAt: T0 + 1000 })
	})

	test('revoking ends the link; revoking again finds nothing to revoke', () => {
		const { db, person } = setting()
		const token = createCalendarFeed(db, person.id, T0)
		expect(revokeCalendarFeed(db, person.id, T0 + 5)).toBe(true)
		expect(findCalendarFeedOwner(db, token)).toBeNull()
		expect(getCalendarFeedStatus(db, person.id)).toBeNull()
		expect(revokeCalendarFeed(db, person.id, T0 + 6)).toBe(false)
	})

	test('creating and revoking are recorded as instance activity, never with the token', () => {
		const { db, person } = setting()
		const token = createCalendarFeed(db, person.id, T0)
		createCalendarFeed(db, person.id, T0 + 1)
		revokeCalendarFeed(db, person.id, T0 + 2)
		const rows = db.select().from(activity).orderBy(activity.at).all()
		expect(
			rows.map(({ verb, taskForceId, actorId, data }) => ({ verb, taskForceId, actorId, data })),
		).toEqual([
			{ verb: 'calendar_feed.created', taskForceId: null, actorId: person.id, data: { replaced: false } },
			{ verb: 'calendar_feed.created', taskForceId: null, actorId: person.id, data: { replaced: true } },
			{ verb: 'calendar_feed.revoked', taskForceId: null, actorId: person.id, data: {} },
		])
		expect(JSON.stringify(rows)).not.toContain(token)
		expect(JSON.stringify(rows)).not.toContain(hashToken(token))
	})

	test('only a 32-character base32 token followed by .ics is read from the path', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567'
		expect(tokenFromFeedFile(`${token}.ics`)).toBe(token)
		expect(tokenFromFeedFile(token)).toBeNull()
		expect(tokenFromFeedFile(`${token}.ICS`)).toBeNull()
		expect(tokenFromFeedFile(`${token}x.ics`)).toBeNull()
		expect(tokenFromFeedFile('../etc.ics')).toBeNull()
		expect(calendarFeedUrl('https://convene.example.org', token)).toBe(
			`https://convene.example.org/calendar/${token}.ics`,
		)
	})
})
