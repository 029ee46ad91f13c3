import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SECTION_STATUSES } from '#shared/domain.ts'
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

/** Named versions of a section, e.g. "end of writing", to restore to a phase boundary. */
export const sectionVersions = sqliteTable(
	'section_versions',
	{
		id: text().primaryKey(),
		sectionId: text()
			.notNull()
			.references(() => sections.id, { onDelete: 'cascade' }),
		label: text().notNull(),
		state: blob({ mode: 'buffer' }).notNull(),
		createdAt: integer().notNull(),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [index('section_versions_section_idx').on(t.sectionId, t.createdAt)],
)
