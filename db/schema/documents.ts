import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SECTION_STATUSES, SECTION_VERSION_KINDS } from '#shared/domain.ts'
import { users } from './people.ts'
import { subcommittees, taskForces } from './task-forces.ts'

/** The deliverable (usually one per task force). */
export const documents = sqliteTable(
	'documents',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		summary: text().notNull().default(''),
	},
	(t) => [index('documents_task_force_idx').on(t.taskForceId)],
)

export const sections = sqliteTable(
	'sections',
	{
		id: text().primaryKey(),
		documentId: text()
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		subcommitteeId: text().references(() => subcommittees.id, { onDelete: 'set null' }),
		title: text().notNull(),
		position: integer().notNull(),
		status: text({ enum: SECTION_STATUSES }).notNull().default('not_started'),
		targetWords: integer(),
		wordCount: integer().notNull().default(0),
		/** Pending suggestions in the text, counted by the live server with the word count. */
		openSuggestions: integer().notNull().default(0),
		dueOn: text(),
		lastEditedAt: integer(),
		lastEditedBy: text().references(() => users.id, { onDelete: 'set null' }),
		/** The note a co-chair left when sending the section back from review. */
		statusNote: text(),
		/** Removed from the outline; the row and its text stay so a co-chair can bring it back. */
		removedAt: integer(),
	},
	(t) => [
		index('sections_document_position_idx').on(t.documentId, t.position),
		index('sections_subcommittee_idx').on(t.subcommitteeId),
	],
)

/**
 * Append-only Yjs update log of a section's text; the section id is the document id.
 * Every update is committed here before anything that depends on it is sent.
 */
export const docUpdates = sqliteTable(
	'doc_updates',
	{
		docId: text()
			.notNull()
			.references(() => sections.id, { onDelete: 'cascade' }),
		seq: integer().notNull(),
		data: blob({ mode: 'buffer' }).notNull(),
		userId: text().references(() => users.id, { onDelete: 'set null' }),
		at: integer().notNull(),
	},
	(t) => [primaryKey({ columns: [t.docId, t.seq] })],
)

/** The compacted state of a section's text: every log row up to `seq` folded in. */
export const docSnapshots = sqliteTable('doc_snapshots', {
	docId: text()
		.primaryKey()
		.references(() => sections.id, { onDelete: 'cascade' }),
	state: blob({ mode: 'buffer' }).notNull(),
	seq: integer().notNull(),
	updatedAt: integer().notNull(),
})

/**
 * Versions of a section's text: kept automatically while it changes (`auto`), at each phase
 * boundary (`phase`), and just before a restore (`before_restore`), so any of them can come back.
 * `seq` is the last log row the state includes; the excerpt, word count and digest (of the text's
 * structure) are computed once when the version is stored. A large state is stored in `parts`
 * rows of `section_version_parts` instead of `state` (left empty), written over several turns.
 */
export const sectionVersions = sqliteTable(
	'section_versions',
	{
		id: text().primaryKey(),
		sectionId: text()
			.notNull()
			.references(() => sections.id, { onDelete: 'cascade' }),
		kind: text({ enum: SECTION_VERSION_KINDS }).notNull().default('phase'),
		label: text().notNull(),
		state: blob({ mode: 'buffer' }).notNull(),
		wordCount: integer().notNull().default(0),
		excerpt: text().notNull().default(''),
		digest: text().notNull().default(''),
		seq: integer().notNull().default(0),
		/** How many rows of `section_version_parts` hold the state (0: `state` holds it). */
		parts: integer().notNull().default(0),
		createdAt: integer().notNull(),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [index('section_versions_section_idx').on(t.sectionId, t.createdAt)],
)

/**
 * A large version's state, in parts written one per turn of the server's loop before the version
 * row itself (so no foreign key: a part exists before its version). A trigger deletes a version's
 * parts with it; parts of a write cut short (the server stopped) are deleted when it starts.
 */
export const sectionVersionParts = sqliteTable(
	'section_version_parts',
	{
		versionId: text().notNull(),
		part: integer().notNull(),
		bytes: blob({ mode: 'buffer' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.versionId, t.part] })],
)

/** Who changed the text between the version before and this one. */
export const sectionVersionAuthors = sqliteTable(
	'section_version_authors',
	{
		versionId: text()
			.notNull()
			.references(() => sectionVersions.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
	},
	(t) => [primaryKey({ columns: [t.versionId, t.userId] })],
)
