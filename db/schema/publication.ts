import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { EDITION_FILE_FORMATS } from '#shared/domain.ts'
import { documents, sections } from './documents.ts'
import { users } from './people.ts'
import { taskForces } from './task-forces.ts'

/**
 * A published edition of a task force's deliverable, frozen when published and never changed:
 * its number (`major.minor`: 1.0, then corrections 1.1, 1.2…), title, date, the rendered HTML of
 * its body and its contributors as they were credited then. Its sections' text is in
 * `edition_sections`.
 */
export const editions = sqliteTable(
	'editions',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		documentId: text().references(() => documents.id, { onDelete: 'set null' }),
		major: integer().notNull(),
		minor: integer().notNull(),
		title: text().notNull(),
		/** What changed since the edition before (required for a correction). */
		changeNote: text(),
		/** The edition's body (title page, contents, sections, contributors) as HTML. */
		html: text().notNull(),
		/** The credited people as published (JSON, `shared/publication/contributors.ts`). */
		contributors: text().notNull(),
		/** The reason written when publishing past an unmet gate. */
		overrideReason: text(),
		publishedAt: integer().notNull(),
		publishedBy: text().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [uniqueIndex('editions_number_idx').on(t.taskForceId, t.major, t.minor)],
)

/** One section of an edition: its title and its Yjs state when the edition was published. */
export const editionSections = sqliteTable(
	'edition_sections',
	{
		editionId: text()
			.notNull()
			.references(() => editions.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		sectionId: text().references(() => sections.id, { onDelete: 'set null' }),
		title: text().notNull(),
		state: blob({ mode: 'buffer' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.editionId, t.position] })],
)

/** Downloads made from a frozen edition (DOCX, PDF), kept once made. */
export const editionFiles = sqliteTable(
	'edition_files',
	{
		editionId: text()
			.notNull()
			.references(() => editions.id, { onDelete: 'cascade' }),
		format: text({ enum: EDITION_FILE_FORMATS }).notNull(),
		data: blob({ mode: 'buffer' }).notNull(),
		createdAt: integer().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.editionId, t.format] }),
		index('edition_files_edition_idx').on(t.editionId),
	],
)
