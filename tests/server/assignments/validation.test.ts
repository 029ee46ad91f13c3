import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, assignments } from '#db/schema/index.ts'
import { createAssignment } from '#server/assignments/create.server.ts'
import { getRun } from '#server/task-forces/run.server.ts'
import {
	type AssignmentInput,
	AssignmentStatusSchema,
	assignmentEditSchema,
	assignmentSchema,
} from '#shared/validation/assignments.ts'
import { createWorkflowSetting, NOW, PUBLICATION, RUN_STARTS } from '../../factories/assignments.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const run = { startsOn: RUN_STARTS, endsOn: PUBLICATION }
const valid = {
	title: 'Find two case studies',
	subcommitteeId: 'sub',
	phaseKind: 'writing',
	dueOn: '2026-12-18',
}

function errorsOf(result: {
	success: boolean
	error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
}) {
	const errors: Record<string, string[]> = {}
	for (const issue of result.error?.issues ?? []) {
		const key = issue.path.join('.')
		errors[key] = [...(errors[key] ?? []), issue.message]
	}
	return errors
}

describe('the assignment form’s rules', () => {
	test('a complete assignment passes, and missing details become empty text', () => {
		const result = assignmentSchema(run).safeParse(valid)
		expect(result.success).toBe(true)
		expect(result.data?.details).toBe('')
	})

	test('an empty or blank title asks for one', () => {
		expect(errorsOf(assignmentSchema(run).safeParse({ ...valid, title: '   ' })).title).toEqual([
			'Enter a title.',
		])
		expect(errorsOf(assignmentSchema(run).safeParse({ ...valid, title: undefined })).title).toEqual([
			'Enter a title.',
		])
	})

	test('a title over 200 characters and details over 10,000 say the limit and the length', () => {
		const errors = errorsOf(
			assignmentSchema(run).safeParse({ ...valid, title: 'x'.repeat(201), details: 'y'.repeat(10_001) }),
		)
		expect(errors.title).toEqual(['Use at most 200 characters (this has 201).'])
		expect(errors.details).toEqual(['Use at most 10,000 characters (this has 10,001).'])
		expect(assignmentSchema(run).safeParse({ ...valid, details: 'y'.repeat(10_000) }).success).toBe(true)
	})

	test('a due date outside the run — before the first phase or after publication — is refused with the run', () => {
		const before = errorsOf(assignmentSchema(run).safeParse({ ...valid, dueOn: '2026-08-21' }))
		const after = errorsOf(assignmentSchema(run).safeParse({ ...valid, dueOn: '2027-04-28' }))
		const message =
			"Choose a date between Aug 22, 2026 and Apr 27, 2027: the task force's run, from its first phase to publication."
		expect(before.dueOn).toEqual([message])
		expect(after.dueOn).toEqual([message])
		expect(assignmentSchema(run).safeParse({ ...valid, dueOn: RUN_STARTS }).success).toBe(true)
		expect(assignmentSchema(run).safeParse({ ...valid, dueOn: PUBLICATION }).success).toBe(true)
	})

	test('a date that does not exist, or none, is asked for again', () => {
		expect(errorsOf(assignmentSchema(run).safeParse({ ...valid, dueOn: '2026-02-30' })).dueOn).toEqual([
			'Enter a real date, like 2027-04-20.',
		])
		expect(errorsOf(assignmentSchema(run).safeParse({ ...valid, dueOn: undefined })).dueOn).toEqual([
			'Enter a due date.',
		])
	})

	test('an unknown phase and a missing subcommittee are field errors', () => {
		const errors = errorsOf(
			assignmentSchema(run).safeParse({ ...valid, phaseKind: 'napping', subcommitteeId: undefined }),
		)
		expect(errors.phaseKind).toEqual(['Choose a phase.'])
		expect(errors.subcommitteeId).toEqual(['Choose a subcommittee.'])
	})

	test('blocked asks for a reason, in the edit form and the status form', () => {
		const edit = assignmentEditSchema(run).safeParse({
			...valid,
			intent: 'save',
			status: 'blocked',
			revision: '3',
		})
		expect(errorsOf(edit).blockedReason).toEqual(['Say what is blocking it, so someone can help.'])
		const status = AssignmentStatusSchema.safeParse({ intent: 'status', status: 'blocked' })
		expect(errorsOf(status).blockedReason).toEqual(['Say what is blocking it, so someone can help.'])
		const given = AssignmentStatusSchema.safeParse({
			intent: 'status',
			status: 'blocked',
			blockedReason: 'No data yet',
		})
		expect(given.success).toBe(true)
	})

	test('the run is the first phase’s start to the publication date', () => {
		const { db } = createTempDatabase()
		const world = createWorkflowSetting(db)
		expect(getRun(db, world.taskForce)).toEqual(run)
	})
})

describe('creating an assignment checks its ids against the data', () => {
	function setting() {
		const { db } = createTempDatabase()
		const world = createWorkflowSetting(db)
		const create = (input: Partial<AssignmentInput>) =>
			createAssignment(db, {
				taskForceId: world.taskForce.id,
				actor: { id: world.people.chair.id, isAdmin: false },
				input: {
					title: 'Find two case studies',
					details: '',
					subcommitteeId: world.engagement.id,
					phaseKind: 'writing',
					dueOn: '2026-12-18',
					...input,
				},
				now: NOW,
			})
		return { db, world, create }
	}

	test('an assignee outside the subcommittee is refused by name, and nothing is saved', () => {
		const { db, world, create } = setting()
		expect(create({ assigneeId: world.people.outsider.id })).toEqual({
			kind: 'invalid',
			field: 'assigneeId',
			message:
				'Miguel Kim is not a member of Community Engagement and Transparency. Choose someone from it, or leave it unassigned.',
		})
		expect(create({ assigneeId: world.people.observer.id })).toMatchObject({ field: 'assigneeId' })
		expect(db.select().from(assignments).all()).toEqual([])
	})

	test('its lead and its members may be given the work', () => {
		const { world, create } = setting()
		expect(create({ assigneeId: world.people.lead.id }).kind).toBe('created')
		expect(create({ assigneeId: world.people.writer.id }).kind).toBe('created')
	})

	test('a subcommittee or section of another task force is a field error, not a leak', () => {
		const { db, world, create } = setting()
		const other = createWorkflowSetting(db)
		expect(create({ subcommitteeId: other.engagement.id })).toMatchObject({ field: 'subcommitteeId' })
		expect(create({ sectionId: other.section.id })).toMatchObject({ field: 'sectionId' })
		expect(create({ sectionId: world.section.id }).kind).toBe('created')
	})

	test('a created assignment starts as to do at revision 0 and is recorded as assignment.created', () => {
		const { db, world, create } = setting()
		const outcome = create({ assigneeId: world.people.writer.id, sectionId: world.section.id })
		if (outcome.kind !== 'created') throw new Error(outcome.message)
		const row = db.select().from(assignments).where(eq(assignments.id, outcome.id)).get()
		expect(row).toMatchObject({
			status: 'todo',
			revision: 0,
			assigneeId: world.people.writer.id,
			createdBy: world.people.chair.id,
			updatedBy: world.people.chair.id,
			createdAt: NOW,
		})
		const [entry] = db.select().from(activity).all()
		expect(entry).toMatchObject({
			verb: 'assignment.created',
			subjectType: 'assignment',
			subjectId: outcome.id,
			data: { title: 'Find two case studies' },
		})
	})
})
