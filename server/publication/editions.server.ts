import { and, asc, desc, eq } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { editionSections, editions, taskForces, users } from '#db/schema/index.ts'
import { formatLongDay } from '#shared/dates.ts'
import { readerContentOfState } from '#shared/publication/content.ts'
import type { EditionContributors } from '#shared/publication/contributors.ts'
import type { EditionContent } from '#shared/publication/edition-html.ts'

/** An edition's number as people write it: `1.0`, `1.1`. */
export function editionNumber(edition: { major: number; minor: number }): string {
	return `${edition.major}.${edition.minor}`
}

/** `1.0` → {major: 1, minor: 0}; null for anything else. */
export function parseEditionNumber(value: string): { major: number; minor: number } | null {
	const match = /^(\d{1,4})\.(\d{1,4})$/.exec(value)
	return match ? { major: Number(match[1]), minor: Number(match[2]) } : null
}

const editionColumns = {
	id: editions.id,
	taskForceId: editions.taskForceId,
	major: editions.major,
	minor: editions.minor,
	title: editions.title,
	changeNote: editions.changeNote,
	publishedAt: editions.publishedAt,
	publishedBy: users.name,
}

/** A task force's editions, newest first. */
export function listEditions(db: Queryable, taskForceId: string) {
	return db
		.select(editionColumns)
		.from(editions)
		.leftJoin(users, eq(users.id, editions.publishedBy))
		.where(eq(editions.taskForceId, taskForceId))
		.orderBy(desc(editions.major), desc(editions.minor))
		.all()
		.map((row) => ({ ...row, number: editionNumber(row) }))
}

export type EditionSummary = ReturnType<typeof listEditions>[number]

/** One edition with its frozen HTML, or null. */
export function getEdition(db: Queryable, taskForceId: string, number: { major: number; minor: number }) {
	const row = db
		.select({ ...editionColumns, html: editions.html, contributors: editions.contributors })
		.from(editions)
		.leftJoin(users, eq(users.id, editions.publishedBy))
		.where(
			and(
				eq(editions.taskForceId, taskForceId),
				eq(editions.major, number.major),
				eq(editions.minor, number.minor),
			),
		)
		.get()
	return row ? { ...row, number: editionNumber(row) } : null
}

export type Edition = NonNullable<ReturnType<typeof getEdition>>

/** The content an edition was frozen from, rebuilt from its stored sections (for Markdown and DOCX). */
export function editionContent(
	db: Queryable,
	edition: Edition,
	taskForce: { name: string; timeZone: string },
): EditionContent {
	const sections = db
		.select({ title: editionSections.title, state: editionSections.state })
		.from(editionSections)
		.where(eq(editionSections.editionId, edition.id))
		.orderBy(asc(editionSections.position))
		.all()
	return {
		taskForceName: taskForce.name,
		title: edition.title,
		number: edition.number,
		publishedOn: formatLongDay(edition.publishedAt, taskForce.timeZone),
		changeNote: edition.changeNote,
		sections: sections.map((section) => ({
			title: section.title,
			blocks: readerContentOfState(section.state),
		})),
		contributors: JSON.parse(edition.contributors) as EditionContributors,
	}
}

/** The task force behind a public address, with what the public page needs to decide. */
export function findPublishingTaskForce(db: Queryable, slug: string) {
	return (
		db
			.select({
				id: taskForces.id,
				slug: taskForces.slug,
				name: taskForces.name,
				summary: taskForces.summary,
				timeZone: taskForces.timeZone,
				publicPage: taskForces.publicPage,
			})
			.from(taskForces)
			.where(eq(taskForces.slug, slug))
			.get() ?? null
	)
}
