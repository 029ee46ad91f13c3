import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ASSIGNMENT_STATUSES, PHASE_KINDS, ROLES } from '#shared/domain.ts'
import { sections } from './documents.ts'
import { users } from './people.ts'
import { subcommittees, taskForces } from './task-forces.ts'

export const assignments = sqliteTable(
	'assignments',
	{
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		subcommitteeId: text()
			.notNull()
			.references(() => subcommittees.id, { onDelete: 'cascade' }),
		sectionId: text().references(() => sections.id, { onDelete: 'set null' }),
		assigneeId: text().references(() => users.id, { onDelete: 'set null' }),
		phaseKind: text({ enum: PHASE_KINDS }).notNull(),
		title: text().notNull(),
		details: text().notNull().default(''),
		dueOn: text(),
		status: text({ enum: ASSIGNMENT_STATUSES }).notNull().default('todo'),
		/** Why a blocked assignment is blocked; asked for when it becomes blocked. */
		blockedReason: text(),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer().notNull(),
		updatedAt: integer().notNull(),
		updatedBy: text().references(() => users.id, { onDelete: 'set null' }),
		completedAt: integer(),
		/**
		 * Bumped on every change. A save names the revision it started from; a different one means
		 * someone else saved meanwhile ("changed by X since you opened it"). Also the calendar SEQUENCE.
		 */
		revision: integer().notNull().default(0),
	},
	(t) => [
		index('assignments_task_force_status_idx').on(t.taskForceId, t.status),
		index('assignments_task_force_due_idx').on(t.taskForceId, t.dueOn),
		index('assignments_subcommittee_idx').on(t.subcommitteeId),
		index('assignments_assignee_idx').on(t.assigneeId),
		index('assignments_section_idx').on(t.sectionId),
	],
)

/** The audit trail and the activity feed. Never holds passwords or tokens. */
export const activity = sqliteTable(
	'activity',
	{
		id: text().primaryKey(),
		// Null for instance-wide events (sign-in, account disabled).
		taskForceId: text().references(() => taskForces.id, { onDelete: 'cascade' }),
		actorId: text().references(() => users.id, { onDelete: 'set null' }),
		verb: text().notNull(),
		subjectType: text().notNull(),
		subjectId: text(),
		data: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		at: integer().notNull(),
	},
	(t) => [
		index('activity_task_force_at_idx').on(t.taskForceId, t.at),
		index('activity_actor_idx').on(t.actorId),
		index('activity_task_force_verb_idx').on(t.taskForceId, t.verb, t.at),
	],
)

export const invitations = sqliteTable(
	'invitations',
	{
		// SHA-256 of the invitation token, hex.
		id: text().primaryKey(),
		taskForceId: text()
			.notNull()
			.references(() => taskForces.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		role: text({ enum: ROLES }).notNull(),
		subcommitteeId: text().references(() => subcommittees.id, { onDelete: 'set null' }),
		invitedBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer().notNull(),
		expiresAt: integer().notNull(),
		acceptedAt: integer(),
	},
	(t) => [
		index('invitations_task_force_idx').on(t.taskForceId),
		index('invitations_email_idx').on(t.email),
		// The hourly limit on invitation emails counts an inviter's recent ones.
		index('invitations_invited_by_idx').on(t.invitedBy, t.createdAt),
	],
)
