import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { documents, memberships, phases, taskForces, users } from '#db/schema/index.ts'
import { addDays, daysBetween, isIsoDate, todayIn } from '#shared/dates.ts'
import { PHASE_KINDS, type PhaseKind } from '#shared/domain.ts'
import { EmailSchema as EmailField, nameSchema as nameField } from '#shared/validation/fields.ts'
import { recordActivity } from '../activity/record.server.ts'
import { canonicalTimeZone } from './fields.ts'
import { invalidInput, type Outcome, refused } from './outcome.ts'

const DEFAULT_TIME_ZONE = 'America/Chicago'
const DEFAULT_PUBLICATION_IN_DAYS = 180
/** Four phases need room: research, writing, editing and publishing of at least a few days each. */
const MIN_PUBLICATION_IN_DAYS = 28
/** Further out than this is almost certainly a mistyped year. */
const MAX_PUBLICATION_IN_DAYS = 5 * 366

// Shares of the time from today to publication, in percent; they sum to 100.
const PHASE_PERCENT: Record<PhaseKind, number> = { research: 30, writing: 35, editing: 20, publishing: 15 }

const NewTaskForceSchema = z.object({
	slug: z
		.string()
		.trim()
		.regex(
			/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])$/,
			'Use 2–48 lower-case letters, digits and hyphens, starting and ending with a letter or digit (e.g. genai-2027).',
		),
	name: nameField(160),
	chair: EmailField,
	publicationDate: z
		.string()
		.trim()
		.refine(isIsoDate, 'Give a real calendar date written YYYY-MM-DD, e.g. 2027-04-20.')
		.optional(),
	timeZone: z
		.string()
		.trim()
		.default(DEFAULT_TIME_ZONE)
		.transform((zone, context) => {
			const canonical = canonicalTimeZone(zone)
			if (canonical) return canonical
			context.addIssue({
				code: 'custom',
				message: 'Give an IANA time zone such as America/Chicago or Europe/Berlin.',
			})
			return z.NEVER
		}),
})

export type NewTaskForce = z.input<typeof NewTaskForceSchema>

export type PlannedPhase = { kind: PhaseKind; position: number; startsOn: string; endsOn: string }

export type CreatedTaskForce = {
	id: string
	slug: string
	name: string
	timeZone: string
	publicationDate: string
	chair: { name: string; email: string }
	phases: PlannedPhase[]
	documentId: string
}

/** The fields of a new task force, checked and normalised, before any database is opened. */
export function validateNewTaskForce(input: NewTaskForce): Outcome<z.output<typeof NewTaskForceSchema>> {
	const parsed = NewTaskForceSchema.safeParse(input)
	return parsed.success ? { ok: true, value: parsed.data } : invalidInput(parsed.error)
}

/**
 * The four phases from `today` through `publicationDate`, back to back and inclusive, split about
 * 30/35/20/15 %. Boundaries are rounded from the cumulative share, so the days add up exactly.
 */
export function planPhases(today: string, publicationDate: string): PlannedPhase[] {
	const days = daysBetween(today, publicationDate) + 1
	let start = 0
	let percent = 0
	return PHASE_KINDS.map((kind, position) => {
		percent += PHASE_PERCENT[kind]
		const end = Math.round((days * percent) / 100)
		const phase = { kind, position, startsOn: addDays(today, start), endsOn: addDays(today, end - 1) }
		start = end
		return phase
	})
}

/**
 * Creates an active task force in its research phase with `chair` (an existing account) as its
 * co-chair, four scheduled phases and one document titled after it — all in one transaction.
 */
export function createTaskForce(db: Db, input: NewTaskForce, now = new Date()): Outcome<CreatedTaskForce> {
	const valid = validateNewTaskForce(input)
	if (!valid.ok) return valid
	const taskForce = valid.value
	const today = todayIn(taskForce.timeZone, now)
	const publicationDate = taskForce.publicationDate ?? addDays(today, DEFAULT_PUBLICATION_IN_DAYS)
	const lead = daysBetween(today, publicationDate)
	if (lead < MIN_PUBLICATION_IN_DAYS) {
		return refused(
			`The publication date must be at least ${MIN_PUBLICATION_IN_DAYS} days after today (${today} in ${taskForce.timeZone}), so each phase has time; the earliest is ${addDays(today, MIN_PUBLICATION_IN_DAYS)}.`,
			'publicationDate',
		)
	}
	if (lead > MAX_PUBLICATION_IN_DAYS) {
		return refused(
			`The publication date ${publicationDate} is more than five years away; check the year.`,
			'publicationDate',
		)
	}
	return db.transaction((tx): Outcome<CreatedTaskForce> => {
		if (tx.select({ id: taskForces.id }).from(taskForces).where(eq(taskForces.slug, taskForce.slug)).get()) {
			return refused(
				`A task force with the slug ${taskForce.slug} already exists; choose another slug.`,
				'slug',
			)
		}
		const chair = tx
			.select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
			.from(users)
			.where(eq(users.email, taskForce.chair))
			.get()
		if (!chair) {
			return refused(
				`No account has the email ${taskForce.chair}; create it first with: npm run admin -- create-user --email ${taskForce.chair} --name "…"`,
				'chair',
			)
		}
		if (chair.disabledAt !== null) {
			return refused(`The account ${chair.email} is disabled; choose another chair.`, 'chair')
		}
		const plan = planPhases(today, publicationDate)
		const created = { ...taskForce, publicationDate, chair, phases: plan }
		return { ok: true, value: insertTaskForce(tx, created, now.getTime()) }
	})
}

function insertTaskForce(
	tx: Queryable,
	taskForce: Omit<CreatedTaskForce, 'id' | 'documentId' | 'chair'> & {
		chair: { id: string; name: string; email: string }
	},
	now: number,
): CreatedTaskForce {
	const id = createId()
	const { chair } = taskForce
	tx.insert(taskForces)
		.values({
			id,
			slug: taskForce.slug,
			name: taskForce.name,
			timeZone: taskForce.timeZone,
			publicationDate: taskForce.publicationDate,
			status: 'active',
			createdAt: now,
		})
		.run()
	tx.insert(memberships).values({ taskForceId: id, userId: chair.id, role: 'co_chair', joinedAt: now }).run()
	tx.insert(phases)
		.values(
			taskForce.phases.map((phase) => ({
				id: createId(),
				taskForceId: id,
				...phase,
				status: phase.position === 0 ? ('active' as const) : ('upcoming' as const),
				enteredAt: phase.position === 0 ? now : null,
			})),
		)
		.run()
	const documentId = createId()
	tx.insert(documents).values({ id: documentId, taskForceId: id, title: taskForce.name }).run()
	const data = {
		slug: taskForce.slug,
		publicationDate: taskForce.publicationDate,
		timeZone: taskForce.timeZone,
	}
	const base = { taskForceId: id, actorId: null }
	recordActivity(
		tx,
		{ ...base, verb: 'task_force.created', subjectType: 'task_force', subjectId: id, data },
		now,
	)
	recordActivity(
		tx,
		{ ...base, verb: 'member.added', subjectType: 'user', subjectId: chair.id, data: { role: 'co_chair' } },
		now,
	)
	return { ...taskForce, id, documentId, chair: { name: chair.name, email: chair.email } }
}
