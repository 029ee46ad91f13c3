import { eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server.ts'
import { documents, memberships, organizations, sections, subcommittees, users } from '#db/schema/index.ts'

/**
 * The facts the section editor's header shows, or null when the section is not part of this task
 * force's outline: unknown, in another task force's document, or removed (its text stays stored
 * so a co-chair can bring it back, but nobody edits it in the meantime).
 */
export function getSectionPage(db: Db, taskForceId: string, sectionId: string) {
	const lastEditor = alias(users, 'last_editor')
	const row = db
		.select({
			id: sections.id,
			title: sections.title,
			status: sections.status,
			statusNote: sections.statusNote,
			wordCount: sections.wordCount,
			targetWords: sections.targetWords,
			dueOn: sections.dueOn,
			lastEditedAt: sections.lastEditedAt,
			lastEditedBy: lastEditor.name,
			removedAt: sections.removedAt,
			subcommittee: { id: subcommittees.id, name: subcommittees.name },
			document: { id: documents.id, title: documents.title, taskForceId: documents.taskForceId },
		})
		.from(sections)
		.innerJoin(documents, eq(documents.id, sections.documentId))
		.leftJoin(subcommittees, eq(subcommittees.id, sections.subcommitteeId))
		.leftJoin(lastEditor, eq(lastEditor.id, sections.lastEditedBy))
		.where(eq(sections.id, sectionId))
		.get()
	if (!row || row.document.taskForceId !== taskForceId || row.removedAt !== null) return null
	const { removedAt: _removed, document, ...section } = row
	return { ...section, document: { id: document.id, title: document.title } }
}

/** The name of a person's organization, shown next to their name in the editor's presence list. */
export function getOrganizationName(db: Db, organizationId: string | null): string | null {
	if (!organizationId) return null
	return (
		db
			.select({ name: organizations.name })
			.from(organizations)
			.where(eq(organizations.id, organizationId))
			.get()?.name ?? null
	)
}

/**
 * The names of a task force's members by user id: the suggestions list names who proposed each
 * change (a suggestion carries only its author's id).
 */
export function getMemberNames(db: Db, taskForceId: string): Record<string, string> {
	const rows = db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.taskForceId, taskForceId))
		.all()
	return Object.fromEntries(rows.map((row) => [row.id, row.name]))
}
