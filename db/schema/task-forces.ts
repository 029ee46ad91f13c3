import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { PHASE_KINDS, PHASE_STATUSES, ROLES, TASK_FORCE_STATUSES } from '#shared/domain.ts'
import { users } from './people.ts'

export const taskForces = sqliteTable('task_forces', {
	id: text().primaryKey(),
	slug: text().notNull().unique(),
	name: text().notNull(),
	summary: text().notNull().default(''),
	// IANA zone; calendar dates of this task force are read in it.
	timeZone: text().notNull(),
	publicationDate: text().notNull(),
	status: text({ enum: TASK_FORCE_STATUSES }).notNull().default('active'),
	/** Whether observers may comment on sections (a co-chair's choice; off unless turned on). */
	observersMayComment: integer({ mode: 'boolean' }).notNull().default(false),
	/** Whether the latest edition is readable by anyone at `/p/<slug>` (a co-chair's choice; off). */
	publicPage: integer({ mode: 'boolean' }).notNull().default(false),
	createdAt: integer().notNull(),
})

export const memberships = sqliteTable(
	'memberships',
	{
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text({ enum: ROLES }).notNull(),
		joinedAt: integer().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.taskForceId, t.userId] }),
		// "Which task forces am I in?" for the switcher.
		index('memberships_user_idx').on(t.userId),
	],
)

export const phases = sqliteTable(
	'phases',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		kind: text({ enum: PHASE_KINDS }).notNull(),
		position: integer().notNull(),
		startsOn: text().notNull(),
		endsOn: text().notNull(),
		status: text({ enum: PHASE_STATUSES }).notNull().default('upcoming'),
		enteredAt: integer(),
		completedAt: integer(),
		/** Bumped on every change: the calendar feed's SEQUENCE. */
		revision: integer().notNull().default(0),
	},
	(t) => [
		uniqueIndex('phases_task_force_kind_idx').on(t.taskForceId, t.kind),
		uniqueIndex('phases_task_force_position_idx').on(t.taskForceId, t.position),
	],
)

export const subcommittees = sqliteTable(
	'subcommittees',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		charge: text().notNull().default(''),
		leadUserId: text().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		uniqueIndex('subcommittees_task_force_name_idx').on(t.taskForceId, t.name),
		index('subcommittees_lead_idx').on(t.leadUserId),
	],
)

export const subcommitteeMembers = sqliteTable(
	'subcommittee_members',
	{
		subcommitteeId: text()
			.notNull()
			.references(() => subcommittees.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
	},
	(t) => [
		primaryKey({ columns: [t.subcommitteeId, t.userId] }),
		index('subcommittee_members_user_idx').on(t.userId),
	],
)

export const milestones = sqliteTable(
	'milestones',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		phaseId: text()
			.notNull()
			.references(() => phases.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		dueOn: text().notNull(),
		completedAt: integer(),
		completedBy: text().references(() => users.id, { onDelete: 'set null' }),
		waivedReason: text(),
		/** Bumped on every change: the calendar feed's SEQUENCE. */
		revision: integer().notNull().default(0),
	},
	(t) => [
		index('milestones_task_force_due_idx').on(t.taskForceId, t.dueOn),
		index('milestones_phase_idx').on(t.phaseId),
	],
)
