import { count, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import { activity, documents, memberships, phases, taskForces } from '#db/schema/index.ts'
import { createTaskForce, type NewTaskForce, planPhases } from '#server/admin/create-task-force.server.ts'
import { addDays, daysBetween } from '#shared/dates.ts'
import { createTempDatabase } from '../../support/temp-database.ts'
import { insertAccount } from './accounts.ts'

// 09:00 in Chicago on Nov 28, 2026.
const NOW = new Date('2026-11-28T15:00:00Z')

function withChair() {
	const { db } = createTempDatabase()
	const chairId = insertAccount(db, 'ada@city.gov')
	return { db, chairId }
}

function genai(overrides: Partial<NewTaskForce> = {}): NewTaskForce {
	return { slug: 'genai', name: 'Generative AI in Local Government', chair: 'Ada@City.gov', ...overrides }
}

function taskForceCount(db: Db) {
	return db.select({ n: count() }).from(taskForces).get()?.n
}

describe('creating a task force from the command line', () => {
	test('it starts active in its research phase, with the chair as co-chair and a document titled after it', () => {
		const { db, chairId } = withChair()
		const outcome = createTaskForce(db, genai(), NOW)
		expect(outcome.ok).toBe(true)
		const taskForce = db.select().from(taskForces).get()
		expect(taskForce).toMatchObject({
			slug: 'genai',
			name: 'Generative AI in Local Government',
			status: 'active',
			timeZone: 'America/Chicago',
			createdAt: NOW.getTime(),
		})
		const id = taskForce?.id ?? ''
		expect(db.select().from(memberships).all()).toEqual([
			{ taskForceId: id, userId: chairId, role: 'co_chair', joinedAt: NOW.getTime() },
		])
		expect(
			db.select({ title: documents.title }).from(documents).where(eq(documents.taskForceId, id)).all(),
		).toEqual([{ title: 'Generative AI in Local Government' }])
		const stored = db.select().from(phases).orderBy(phases.position).all()
		expect(stored.map((phase) => [phase.kind, phase.position, phase.status, phase.enteredAt])).toEqual([
			['research', 0, 'active', NOW.getTime()],
			['writing', 1, 'upcoming', null],
			['editing', 2, 'upcoming', null],
			['publishing', 3, 'upcoming', null],
		])
	})

	test('by default publication is 180 days ahead, and the phases run from today through it', () => {
		const { db } = withChair()
		createTaskForce(db, genai(), NOW)
		expect(db.select().from(taskForces).get()?.publicationDate).toBe('2027-05-27')
		const stored = db.select().from(phases).orderBy(phases.position).all()
		expect(stored[0]?.startsOn).toBe('2026-11-28')
		expect(stored[3]?.endsOn).toBe('2027-05-27')
	})

	test('"today" is the date in the task force\'s time zone, not the server\'s', () => {
		const { db } = withChair()
		// 03:00 UTC on Nov 28 is still the evening of Nov 27 in Chicago, already midday Nov 28 in Tokyo.
		const lateEvening = new Date('2026-11-28T03:00:00Z')
		createTaskForce(db, genai({ slug: 'chicago' }), lateEvening)
		createTaskForce(db, genai({ slug: 'tokyo', timeZone: 'Asia/Tokyo' }), lateEvening)
		const starts = db
			.select({ slug: taskForces.slug, startsOn: phases.startsOn })
			.from(phases)
			.innerJoin(taskForces, eq(taskForces.id, phases.taskForceId))
			.where(eq(phases.position, 0))
			.all()
		expect(Object.fromEntries(starts.map((row) => [row.slug, row.startsOn]))).toEqual({
			chicago: '2026-11-27',
			tokyo: '2026-11-28',
		})
	})

	test('the time zone is stored in its canonical IANA spelling', () => {
		const { db } = withChair()
		createTaskForce(db, genai({ timeZone: 'europe/berlin' }), NOW)
		expect(db.select().from(taskForces).get()?.timeZone).toBe('Europe/Berlin')
	})

	test('the audit trail records the task force and its first co-chair', () => {
		const { db, chairId } = withChair()
		createTaskForce(db, genai(), NOW)
		const id = db.select().from(taskForces).get()?.id
		const entries = db.select().from(activity).all()
		expect(entries.map((entry) => [entry.verb, entry.taskForceId, entry.subjectId])).toEqual([
			['task_force.created', id, id],
			['member.added', id, chairId],
		])
	})

	test('when any write fails, no part of the task force is left behind', () => {
		const { db } = withChair()
		db.run(
			sql`create trigger fail_audit before insert on activity begin select raise(abort, 'audit is down'); end`,
		)
		expect(() => createTaskForce(db, genai(), NOW)).toThrow('audit is down')
		for (const table of [taskForces, memberships, phases, documents]) {
			expect(db.select({ n: count() }).from(table).get()?.n).toBe(0)
		}
	})
})

describe('what creating a task force refuses', () => {
	test('a slug that is already taken', () => {
		const { db } = withChair()
		createTaskForce(db, genai(), NOW)
		const outcome = createTaskForce(db, genai({ name: 'Another' }), NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'refused', field: 'slug' })
		expect(taskForceCount(db)).toBe(1)
	})

	test.each([
		['capitals', 'GenAI'],
		['a space', 'gen ai'],
		['a leading hyphen', '-genai'],
		['a trailing hyphen', 'genai-'],
		['one character', 'g'],
		['49 characters', 'a'.repeat(49)],
		['an underscore', 'gen_ai'],
	])('a slug with %s is invalid input', (_, slug) => {
		const { db } = withChair()
		expect(createTaskForce(db, genai({ slug }), NOW)).toMatchObject({
			ok: false,
			reason: 'invalid',
			field: 'slug',
		})
		expect(taskForceCount(db)).toBe(0)
	})

	test('slugs of 2 and 48 characters with digits and hyphens are fine', () => {
		const { db } = withChair()
		expect(createTaskForce(db, genai({ slug: 'g2' }), NOW).ok).toBe(true)
		expect(createTaskForce(db, genai({ slug: `ai-2027-${'x'.repeat(40)}` }), NOW).ok).toBe(true)
	})

	test('a chair without an account, with a hint to create it first', () => {
		const { db } = withChair()
		const outcome = createTaskForce(db, genai({ chair: 'nobody@city.gov' }), NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'refused', field: 'chair' })
		expect(outcome.ok ? '' : outcome.message).toContain('create-user --email nobody@city.gov')
		expect(taskForceCount(db)).toBe(0)
	})

	test('a chair whose account is disabled', () => {
		const { db } = createTempDatabase()
		insertAccount(db, 'gone@city.gov', { disabledAt: 1 })
		expect(createTaskForce(db, genai({ chair: 'gone@city.gov' }), NOW)).toMatchObject({
			reason: 'refused',
			field: 'chair',
		})
	})

	test('a publication date less than 28 days ahead, naming the earliest allowed', () => {
		const { db } = withChair()
		const outcome = createTaskForce(db, genai({ publicationDate: '2026-12-25' }), NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'refused', field: 'publicationDate' })
		expect(outcome.ok ? '' : outcome.message).toContain('2026-12-26')
		expect(createTaskForce(db, genai({ publicationDate: '2026-12-26' }), NOW).ok).toBe(true)
	})

	test('a publication date in the past', () => {
		const { db } = withChair()
		expect(createTaskForce(db, genai({ publicationDate: '2025-04-01' }), NOW)).toMatchObject({
			reason: 'refused',
		})
	})

	test('a publication date more than five years away, which is most likely a mistyped year', () => {
		const { db } = withChair()
		expect(createTaskForce(db, genai({ publicationDate: '2207-04-01' }), NOW)).toMatchObject({
			reason: 'refused',
		})
	})

	test.each(['2027-02-30', '2027-4-1', 'April 2027'])(
		'a publication date of %s is invalid input',
		(publicationDate) => {
			const { db } = withChair()
			expect(createTaskForce(db, genai({ publicationDate }), NOW)).toMatchObject({
				reason: 'invalid',
				field: 'publicationDate',
			})
		},
	)

	test.each(['Mars/Olympus', '+05:00', 'Central Time'])('a time zone of %s is invalid input', (timeZone) => {
		const { db } = withChair()
		expect(createTaskForce(db, genai({ timeZone }), NOW)).toMatchObject({
			reason: 'invalid',
			field: 'timeZone',
		})
	})
})

describe('the phase plan', () => {
	test.each([28, 29, 100, 180, 365, 1000])(
		'over %i days the four phases are back to back, each at least a few days, ending on publication',
		(days) => {
			const today = '2026-11-28'
			const publication = addDays(today, days)
			const plan = planPhases(today, publication)
			expect(plan.map((phase) => phase.kind)).toEqual(['research', 'writing', 'editing', 'publishing'])
			expect(plan[0]?.startsOn).toBe(today)
			expect(plan[3]?.endsOn).toBe(publication)
			plan.slice(1).forEach((phase, i) => {
				expect(phase.startsOn).toBe(addDays(plan[i]?.endsOn ?? '', 1))
			})
			for (const phase of plan) expect(daysBetween(phase.startsOn, phase.endsOn)).toBeGreaterThanOrEqual(3)
		},
	)

	test('splits the time about 30/35/20/15 per cent', () => {
		const plan = planPhases('2027-01-01', addDays('2027-01-01', 199))
		expect(plan.map((phase) => daysBetween(phase.startsOn, phase.endsOn) + 1)).toEqual([60, 70, 40, 30])
	})
})
