import { and, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { sectionVersions } from '#db/schema/index.ts'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/**
 * How long automatic versions are kept (the versions page says the same). Phase and before-restore
 * versions are never pruned.
 */
export const VERSION_RETENTION = {
	/** Every automatic version of the last day, up to this many per section… */
	recentMs: DAY,
	recentMax: 200,
	/** …then the newest of each hour for a week… */
	hourlyUntilMs: 7 * DAY,
	/** …then the newest of each day, for as long as the section exists. */
}

type Kept = { id: string; createdAt: number }

/** The automatic versions the rule drops, from a section's automatic versions (any order). */
export function versionsToDrop(versions: readonly Kept[], now: number): string[] {
	const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt)
	const drop: string[] = []
	const buckets = new Set<string>()
	let recent = 0
	for (const version of newestFirst) {
		const age = now - version.createdAt
		if (age < VERSION_RETENTION.recentMs) {
			recent += 1
			if (recent > VERSION_RETENTION.recentMax) drop.push(version.id)
			continue
		}
		const bucket =
			age < VERSION_RETENTION.hourlyUntilMs
				? `h${Math.floor(version.createdAt / HOUR)}`
				: `d${Math.floor(version.createdAt / DAY)}`
		if (buckets.has(bucket)) drop.push(version.id)
		else buckets.add(bucket)
	}
	return drop
}

/** Deletes a section's automatic versions the rule no longer keeps (in the caller's transaction). */
export function pruneAutomaticVersions(tx: Queryable, sectionId: string, now: number): number {
	const versions = tx
		.select({ id: sectionVersions.id, createdAt: sectionVersions.createdAt })
		.from(sectionVersions)
		.where(and(eq(sectionVersions.sectionId, sectionId), eq(sectionVersions.kind, 'auto')))
		.all()
	const drop = versionsToDrop(versions, now)
	for (let start = 0; start < drop.length; start += 500) {
		tx.delete(sectionVersions)
			.where(inArray(sectionVersions.id, drop.slice(start, start + 500)))
			.run()
	}
	return drop.length
}
