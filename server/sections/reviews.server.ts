import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server.ts'
import { memberships, sectionReviews, users } from '#db/schema/index.ts'
import { formatDateTime } from '#shared/dates.ts'
import type { AnswerReviewInput, SuggestionDecisionInput } from '#shared/validation/reviews.ts'
import { recordActivity } from '../activity/record.server.ts'
import { notFound } from '../http/responses.server.ts'
import { noticeSection } from '../notifications/section-notices.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canAnswerReview, canDecideSuggestions, canRequestReview } from '../policies/section.server.ts'
import type { Person } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { directLookups } from './section-access.server.ts'

/** A refusal a person can act on, shown next to the review form. */
export type ReviewRefusal = { ok: false; status: 400; message: string }

/** The section, its task force and the actor's standing there; "not found" for outsiders. */
function placeOf(db: Db, actor: Person, sectionId: string) {
	const row = directLookups(db).section(sectionId)
	if (!row || row.section.removedAt !== null) throw notFound()
	const standing = standingIn(db, row.taskForce.id, actor.id)
	if (!standing.membership) throw notFound()
	const facts = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	return { row, standing, facts }
}

/**
 * Asks a member to review a section: its owning lead or a co-chair (`canRequestReview`; 403
 * otherwise). Asking someone again starts a new round for them (their earlier answer is cleared; the
 * activity log keeps it). The reviewer must be a member of the task force who is not an observer,
 * and not the person asking. Records `section.review_requested`.
 */
export function requestReview(
	db: Db,
	actor: Person,
	sectionId: string,
	reviewerId: string,
	now: number,
): { ok: true; reviewer: string } | ReviewRefusal {
	return db.transaction(() => {
		const { row, standing, facts } = placeOf(db, actor, sectionId)
		authorize(
			canRequestReview(actor, standing.membership, standing.state, facts),
			'Only the lead of the subcommittee that owns this section, or a co-chair, asks for reviews.',
		)
		if (reviewerId === actor.id) return refusal('Ask someone else: a review is a second pair of eyes.')
		const reviewer = db
			.select({ name: users.name, role: memberships.role })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.taskForceId, row.taskForce.id), eq(memberships.userId, reviewerId)))
			.get()
		if (!reviewer || reviewer.role === 'observer')
			return refusal('Choose a member of this task force (observers do not review).')
		const round = { requestedBy: actor.id, requestedAt: now, decision: null, note: null, decidedAt: null }
		db.insert(sectionReviews)
			.values({ sectionId, reviewerId, ...round })
			.onConflictDoUpdate({ target: [sectionReviews.sectionId, sectionReviews.reviewerId], set: round })
			.run()
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'section.review_requested',
				subjectType: 'section',
				subjectId: sectionId,
				data: { title: row.section.title, reviewer: reviewer.name, reviewerId },
			},
			now,
		)
		noticeSection(db, {
			taskForceId: row.taskForce.id,
			sectionId,
			userIds: [reviewerId],
			actorId: actor.id,
			kind: 'review_requested',
			title: `Review asked of you: ${row.section.title}`,
			body: 'Read the section and answer on its Reviews card: approve, or ask for changes.',
			now,
		})
		return { ok: true as const, reviewer: reviewer.name }
	})
}

/**
 * A reviewer's answer — approve, or changes requested with a note — on a review asked of them
 * (`canAnswerReview`; 403 otherwise). They may change it until asked again. Records `section.reviewed`.
 */
export function answerReview(
	db: Db,
	actor: Person,
	sectionId: string,
	input: AnswerReviewInput,
	now: number,
): { ok: true } {
	return db.transaction(() => {
		const { row, standing } = placeOf(db, actor, sectionId)
		const asked = db
			.select({ reviewerId: sectionReviews.reviewerId, requestedBy: sectionReviews.requestedBy })
			.from(sectionReviews)
			.where(and(eq(sectionReviews.sectionId, sectionId), eq(sectionReviews.reviewerId, actor.id)))
			.get()
		authorize(
			canAnswerReview(actor, standing.membership, standing.state, { asked: asked !== undefined }),
			'Only the people asked to review this section answer for it.',
		)
		const note = input.note?.trim() || null
		db.update(sectionReviews)
			.set({ decision: input.decision, note, decidedAt: now })
			.where(and(eq(sectionReviews.sectionId, sectionId), eq(sectionReviews.reviewerId, actor.id)))
			.run()
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'section.reviewed',
				subjectType: 'section',
				subjectId: sectionId,
				data: { title: row.section.title, decision: input.decision, ...(note ? { note } : {}) },
			},
			now,
		)
		noticeSection(db, {
			taskForceId: row.taskForce.id,
			sectionId,
			userIds: asked?.requestedBy ? [asked.requestedBy] : [],
			actorId: actor.id,
			kind: 'review_decided',
			title: `${input.decision === 'approve' ? 'Approved' : 'Changes requested'}: ${row.section.title}`,
			body: note ?? '',
			now,
		})
		return { ok: true as const }
	})
}

/**
 * Records that a writer accepted or rejected suggestions in the editor (the change itself reached
 * the text through the live server like any edit, under their name): how many, and whose. Whoever
 * may write the section now (`canDecideSuggestions`; 403 otherwise); the authors must be members.
 * Records `section.suggestions_decided`.
 */
export function recordSuggestionDecision(
	db: Db,
	actor: Person,
	sectionId: string,
	input: SuggestionDecisionInput,
	now: number,
): { ok: true } {
	return db.transaction(() => {
		const { row, standing, facts } = placeOf(db, actor, sectionId)
		authorize(
			canDecideSuggestions(actor, standing.membership, standing.state, facts),
			'Only those who may write this section accept or reject its suggestions.',
		)
		const ids = [...new Set(input.authorIds)]
		const authors =
			ids.length === 0
				? []
				: db
						.select({ name: users.name })
						.from(memberships)
						.innerJoin(users, eq(users.id, memberships.userId))
						.where(and(eq(memberships.taskForceId, row.taskForce.id), inArray(memberships.userId, ids)))
						.orderBy(asc(users.name))
						.all()
						.map((author) => author.name)
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: actor.id,
				verb: 'section.suggestions_decided',
				subjectType: 'section',
				subjectId: sectionId,
				data: { title: row.section.title, decision: input.decision, count: input.count, authors },
			},
			now,
		)
		noticeSection(db, {
			taskForceId: row.taskForce.id,
			sectionId,
			userIds: ids,
			actorId: actor.id,
			kind: 'suggestion_decided',
			title: `Your suggestions ${input.decision === 'accepted' ? 'were accepted' : 'were rejected'}: ${row.section.title}`,
			now,
		})
		return { ok: true as const }
	})
}

/** Who was asked to review a section, by whom and when, and what each answered: asked first, first. */
function listSectionReviews(db: Db, sectionId: string) {
	const asker = alias(users, 'asker')
	return db
		.select({
			reviewerId: sectionReviews.reviewerId,
			reviewer: users.name,
			requestedBy: asker.name,
			requestedAt: sectionReviews.requestedAt,
			decision: sectionReviews.decision,
			note: sectionReviews.note,
			decidedAt: sectionReviews.decidedAt,
		})
		.from(sectionReviews)
		.innerJoin(users, eq(users.id, sectionReviews.reviewerId))
		.leftJoin(asker, eq(asker.id, sectionReviews.requestedBy))
		.where(eq(sectionReviews.sectionId, sectionId))
		.orderBy(asc(sectionReviews.requestedAt), asc(users.name))
		.all()
}

function refusal(message: string): ReviewRefusal {
	return { ok: false, status: 400, message }
}

/**
 * What the section page's Reviews card shows `person`: who was asked and what they answered, whether
 * the person may ask someone (and whom), and the review asked of them, if any. Null when there is
 * no such section for them.
 */
export function getReviewPanel(db: Db, person: Person, sectionId: string, timeZone: string) {
	const row = directLookups(db).section(sectionId)
	if (!row) return null
	const { membership, state } = standingIn(db, row.taskForce.id, person.id)
	if (!membership) return null
	const facts = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	const reviews = listSectionReviews(db, sectionId).map((review) => ({
		reviewerId: review.reviewerId,
		reviewer: review.reviewer,
		requestedBy: review.requestedBy ?? 'A former member',
		requested: formatDateTime(review.requestedAt, timeZone),
		decision: review.decision,
		note: review.note,
		decided: review.decidedAt === null ? null : formatDateTime(review.decidedAt, timeZone),
	}))
	const canRequest = canRequestReview(person, membership, state, facts)
	const mine = reviews.find((review) => review.reviewerId === person.id) ?? null
	return {
		reviews,
		canRequest,
		candidates: canRequest ? reviewCandidates(db, row.taskForce.id, person.id) : [],
		mine: mine && canAnswerReview(person, membership, state, { asked: true }) ? mine : null,
	}
}

/** The members who may be asked to review: everyone but observers and the person asking, by name. */
function reviewCandidates(db: Db, taskForceId: string, askerId: string) {
	return db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(eq(memberships.taskForceId, taskForceId), ne(memberships.role, 'observer'), ne(users.id, askerId)),
		)
		.orderBy(asc(users.name))
		.all()
}
