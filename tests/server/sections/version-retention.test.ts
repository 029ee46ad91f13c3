import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { sectionVersions } from '#db/schema/index.ts'
import { storeSectionVersion } from '#server/sections/section-versions.server.ts'
import { VERSION_RETENTION, versionsToDrop } from '#server/sections/version-retention.server.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOW = Date.UTC(2027, 1, 15, 12, 0)

test('the retention rule: all of the last day (up to 200), one an hour for a week, then one a day', () => {
	// Every 10 minutes for 30 days: what a section edited without pause would accumulate.
	const versions = Array.from({ length: (30 * DAY) / (10 * MINUTE) }, (_, index) => ({
		id: `v${index}`,
		createdAt: NOW - index * 10 * MINUTE,
	}))
	const dropped = new Set(versionsToDrop(versions, NOW))
	const kept = versions.filter((version) => !dropped.has(version.id))
	const keptAged = (from: number, to: number) =>
		kept.filter((version) => NOW - version.createdAt >= from && NOW - version.createdAt < to)

	expect(keptAged(0, DAY)).toHaveLength(144)
	// One an hour from a day to a week old (144 hours; the hour cut at each end counts too), the
	// newest of each: no two in one hour, and none older than another kept one of its hour.
	const hourly = keptAged(DAY, VERSION_RETENTION.hourlyUntilMs)
	const hours = hourly.map((version) => Math.floor(version.createdAt / HOUR))
	expect(new Set(hours).size).toBe(hourly.length)
	expect(hourly.length).toBeGreaterThanOrEqual(144)
	expect(hourly.length).toBeLessThanOrEqual(145)
	for (const version of hourly) {
		const newer = versions.filter(
			(other) =>
				Math.floor(other.createdAt / HOUR) === Math.floor(version.createdAt / HOUR) &&
				other.createdAt > version.createdAt &&
				NOW - other.createdAt >= DAY,
		)
		expect(newer).toEqual([])
	}
	// …then one a day: days 7 to 30 (partly kept days at both ends count once each).
	const daily = keptAged(VERSION_RETENTION.hourlyUntilMs, 31 * DAY)
	expect(new Set(daily.map((version) => Math.floor(version.createdAt / DAY))).size).toBe(daily.length)
	expect(daily.length).toBeGreaterThanOrEqual(23)
	expect(daily.length).toBeLessThanOrEqual(24)
})

test('more than 200 versions in a day: the oldest of the day go', () => {
	const versions = Array.from({ length: 250 }, (_, index) => ({
		id: `v${index}`,
		createdAt: NOW - index * MINUTE,
	}))
	expect(versionsToDrop(versions, NOW)).toEqual(versions.slice(200).map((version) => version.id))
})

test('storing an automatic version prunes that section’s automatic versions; phase versions stay', () => {
	const { db } = createTempDatabase()
	const section = nth(createOutline(db, { count: 1 }).sections, 0)
	const doc = new Y.Doc()
	const store = (kind: 'auto' | 'phase', createdAt: number) =>
		storeSectionVersion(db, {
			sectionId: section.id,
			kind,
			label: kind,
			doc,
			seq: 0,
			actorId: null,
			authors: [],
			now: createdAt,
		})
	// Three automatic versions and a phase version in one hour, two days ago.
	for (const minutes of [1, 2, 3]) store('auto', NOW - 2 * DAY + minutes * MINUTE)
	store('phase', NOW - 2 * DAY)
	store('auto', NOW)
	const left = db
		.select({ kind: sectionVersions.kind, createdAt: sectionVersions.createdAt })
		.from(sectionVersions)
		.where(eq(sectionVersions.sectionId, section.id))
		.all()
	expect(left.filter((version) => version.kind === 'phase')).toHaveLength(1)
	expect(
		left
			.filter((version) => version.kind === 'auto')
			.map((version) => version.createdAt)
			.sort(),
	).toEqual([NOW - 2 * DAY + 3 * MINUTE, NOW])
})
