import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import { activity } from '#db/schema/index.ts'
import type { Person } from '#server/policies/types.ts'
import {
	answerReview,
	getReviewPanel,
	recordSuggestionDecision,
	requestReview,
} from '#server/sections/reviews.server.ts'
import { describeActivity } from '#shared/activity.ts'
import { answerReviewSchema } from '#shared/validation/reviews.ts'
import { createWorkflowSetting, NOW } from '../../factories/assignments.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

/** The section's activity entries in order, in words. */
function sectionActivity(db: Db, sectionId: string): string[] {
	return db
		.select()
		.from(activity)
		.where(eq(activity.subjectId, sectionId))
		.orderBy(activity.at)
		.all()
		.map((entry) => describeActivity(entry.verb, entry.data))
}

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const as = (user: { id: string }): Person => ({ id: user.id, isAdmin: false })
	const status = (fn: () => unknown) => {
		try {
			fn()
		} catch (error) {
			return (error as Response).status
		}
		return 'nothing thrown'
	}
	return { db, world, as, status, people: world.people, sectionId: world.section.id }
}

test('the lead asks a member of another subcommittee to review; the reviewer asks for changes, then approves; the page shows it', () => {
	const { db, as, people, sectionId } = setting()
	expect(requestReview(db, as(people.lead), sectionId, people.outsider.id, NOW)).toEqual({
		ok: true,
		reviewer: 'Miguel Kim',
	})
	answerReview(
		db,
		as(people.outsider),
		sectionId,
		{ decision: 'changes_requested', note: 'Cite the survey.' },
		NOW + 1,
	)
	answerReview(db, as(people.outsider), sectionId, { decision: 'approve', note: 'Thanks, cited.' }, NOW + 2)
	const panel = getReviewPanel(db, as(people.lead), sectionId, 'America/Chicago')
	expect(panel?.reviews).toMatchObject([
		{ reviewer: 'Miguel Kim', requestedBy: 'Renée Okafor', decision: 'approve', note: 'Thanks, cited.' },
	])
	expect(panel?.canRequest).toBe(true)
	expect(panel?.candidates.map((person) => person.name)).not.toContain('Renée Okafor')
	expect(panel?.candidates.map((person) => person.name)).not.toContain('Olive Observer')
	expect(getReviewPanel(db, as(people.outsider), sectionId, 'America/Chicago')?.mine?.decision).toBe(
		'approve',
	)
	expect(sectionActivity(db, sectionId)).toEqual([
		'asked Miguel Kim to review the section “Community engagement”',
		'reviewed and asked for changes to the section “Community engagement” (“Cite the survey.”)',
		'reviewed and approved the section “Community engagement” (“Thanks, cited.”)',
	])
})

test('asking again starts a new round: the earlier answer is cleared (the activity log keeps it)', () => {
	const { db, as, people, sectionId } = setting()
	requestReview(db, as(people.lead), sectionId, people.writer.id, NOW)
	answerReview(db, as(people.writer), sectionId, { decision: 'approve' }, NOW + 1)
	requestReview(db, as(people.chair), sectionId, people.writer.id, NOW + 2)
	expect(getReviewPanel(db, as(people.writer), sectionId, 'UTC')?.mine).toMatchObject({
		decision: null,
		requestedBy: 'Dana Whitfield',
	})
})

test('only the owning lead or a co-chair asks, only those asked answer, and observers are not reviewers', () => {
	const { db, as, people, sectionId, status } = setting()
	expect(status(() => requestReview(db, as(people.writer), sectionId, people.outsider.id, NOW))).toBe(403)
	expect(status(() => requestReview(db, as(people.observer), sectionId, people.outsider.id, NOW))).toBe(403)
	expect(status(() => requestReview(db, as(people.stranger), sectionId, people.outsider.id, NOW))).toBe(404)
	expect(requestReview(db, as(people.lead), sectionId, people.observer.id, NOW)).toEqual({
		ok: false,
		status: 400,
		message: 'Choose a member of this task force (observers do not review).',
	})
	expect(requestReview(db, as(people.lead), sectionId, people.stranger.id, NOW)).toMatchObject({ ok: false })
	expect(requestReview(db, as(people.lead), sectionId, people.lead.id, NOW)).toMatchObject({
		message: 'Ask someone else: a review is a second pair of eyes.',
	})
	expect(status(() => answerReview(db, as(people.outsider), sectionId, { decision: 'approve' }, NOW))).toBe(
		403,
	)
	expect(getReviewPanel(db, as(people.lead), sectionId, 'UTC')?.reviews).toEqual([])
})

test('asking for changes needs a note saying what should change', () => {
	const problems = (input: Record<string, unknown>) => {
		const parsed = answerReviewSchema.safeParse(input)
		return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
	}
	expect(problems({ decision: 'changes_requested' })).toEqual(['Say what should change.'])
	expect(problems({ decision: 'maybe' })).toEqual(['Choose approve or changes requested.'])
	expect(problems({ decision: 'approve' })).toEqual([])
})

test('a writer’s accepted or rejected suggestions are recorded with whose they were; a reader may not record any', () => {
	const { db, as, people, sectionId, status } = setting()
	recordSuggestionDecision(
		db,
		as(people.lead),
		sectionId,
		{ decision: 'accepted', count: 2, authorIds: [people.writer.id, people.stranger.id] },
		NOW,
	)
	recordSuggestionDecision(
		db,
		as(people.chair),
		sectionId,
		{ decision: 'rejected', count: 1, authorIds: [] },
		NOW + 1,
	)
	expect(
		status(() =>
			recordSuggestionDecision(
				db,
				as(people.outsider),
				sectionId,
				{ decision: 'accepted', count: 1, authorIds: [] },
				NOW,
			),
		),
	).toBe(403)
	expect(sectionActivity(db, sectionId)).toEqual([
		// Someone outside the task force is left out of the names.
		'accepted 2 suggestions by Sam Rivera in the section “Community engagement”',
		'rejected a suggestion in the section “Community engagement”',
	])
})
