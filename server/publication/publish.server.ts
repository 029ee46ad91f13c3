import { and, desc, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { documents, editionSections, editions, taskForces } from '#db/schema/index.ts'
import { formatLongDay } from '#shared/dates.ts'
import { describeUnsettled, OVERRIDE_REASON_MIN } from '#shared/gate.ts'
import { renderEditionHtml } from '#shared/publication/edition-html.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { CollabFacade } from '../context.server.ts'
import { notFound } from '../http/responses.server.ts'
import { noticeMembers } from '../notifications/task-force-notices.server.ts'
import { advancePhase } from '../phases/advance.server.ts'
import { getCurrentGate } from '../phases/schedule.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canPublishEdition } from '../policies/publication.server.ts'
import type { Person } from '../policies/types.ts'
import { loadStoredDocument } from '../sections/section-versions.server.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import { assembleDocument } from './assemble.server.ts'
import { computeContributors } from './contributors.server.ts'
import { editionNumber } from './editions.server.ts'

export const CHANGE_NOTE_MIN = 10

export type PublishOutcome =
	| { ok: true; number: string }
	| { ok: false; field: 'reason' | 'changeNote' | 'accessibility' | 'document'; message: string }

/** The gate's open items as the activity log keeps them. */
type Unmet = { kind: string; id: string; title: string }

/**
 * Publishes an edition of a document, in one transaction: the text every section has stored (the
 * live server commits an edit before anyone sees it; pending ones are flushed first), rendered and
 * frozen with each section's Yjs state and the contributors as credited today. The first edition
 * is 1.0 and leaves the publishing phase (the task force becomes published, read-only for
 * everyone); later ones are corrections 1.1, 1.2… and need a change note.
 *
 * Refused while the accessibility check has blocking findings (no override: a public body may not
 * publish them), and while the gate towards publication is unmet (every section approved, no open
 * comments or suggestions, the phase's milestones done) unless a co-chair writes why.
 */
export function publishEdition(
	db: Db,
	live: Pick<CollabFacade, 'flush' | 'accessChanged'>,
	input: {
		taskForceId: string
		documentId: string
		actor: Person
		reason?: string | undefined
		changeNote?: string | undefined
		now: number
	},
): PublishOutcome {
	const refusal = 'Only co-chairs publish an edition, once the task force is in its publishing phase.'
	const before = standingIn(db, input.taskForceId, input.actor.id)
	authorize(canPublishEdition(before.membership, before.state), refusal)
	// Edits applied but not yet committed are stored first, so the edition holds every seen word.
	live.flush()
	let leftPublishingPhase = false
	const outcome = db.transaction((tx): PublishOutcome => {
		// Decided again on the rows as they are now: another co-chair may have published meanwhile.
		const { membership, state } = standingIn(db, input.taskForceId, input.actor.id)
		authorize(canPublishEdition(membership, state), refusal)
		const document = tx
			.select({ id: documents.id, title: documents.title })
			.from(documents)
			.where(and(eq(documents.id, input.documentId), eq(documents.taskForceId, input.taskForceId)))
			.get()
		if (!document) throw notFound()
		const taskForce = tx
			.select({ name: taskForces.name, timeZone: taskForces.timeZone })
			.from(taskForces)
			.where(eq(taskForces.id, input.taskForceId))
			.get()
		if (!taskForce) throw notFound()
		const { sections, findings } = assembleDocument(db, document.id)
		if (sections.length === 0)
			return { ok: false, field: 'document', message: 'The document has no sections to publish.' }
		const blocking = findings.filter((finding) => finding.blocking)
		if (blocking.length > 0) {
			return {
				ok: false,
				field: 'accessibility',
				message: `Fix the ${blocking.length === 1 ? 'blocking accessibility finding' : `${blocking.length} blocking accessibility findings`} first: readers using screen readers could not follow the text.`,
			}
		}
		const previous = tx
			.select({ major: editions.major, minor: editions.minor })
			.from(editions)
			.where(eq(editions.taskForceId, input.taskForceId))
			.orderBy(desc(editions.major), desc(editions.minor))
			.get()
		const changeNote = input.changeNote?.trim() || null
		if (previous && (changeNote === null || changeNote.length < CHANGE_NOTE_MIN)) {
			return {
				ok: false,
				field: 'changeNote',
				message: `Say what this correction changes since edition ${editionNumber(previous)} (at least ${CHANGE_NOTE_MIN} characters).`,
			}
		}
		// After publication the text no longer changes, so only the publishing phase has a gate.
		const gate = state.status === 'active' ? getCurrentGate(tx, input.taskForceId) : null
		const unmet: Unmet[] = (gate?.unmet ?? []).map((item) => ({
			kind: item.kind,
			id: item.id,
			title: item.title,
		}))
		const reason = input.reason?.trim() || null
		if (unmet.length > 0 && (reason === null || reason.length < OVERRIDE_REASON_MIN)) {
			const open = (gate?.unmet ?? []).map((item) =>
				item.kind === 'section'
					? `${item.title} (${item.status === 'approved' ? describeUnsettled(item.openThreads, item.openSuggestions) : 'not approved'})`
					: item.title,
			)
			return {
				ok: false,
				field: 'reason',
				message: `The gate is not met: ${open.join('; ')}. Write at least ${OVERRIDE_REASON_MIN} characters on why this should be published anyway.`,
			}
		}

		const number = previous ? { major: previous.major, minor: previous.minor + 1 } : { major: 1, minor: 0 }
		const contributors = computeContributors(tx, { taskForceId: input.taskForceId, sections })
		const html = renderEditionHtml({
			taskForceName: taskForce.name,
			title: document.title,
			number: editionNumber(number),
			publishedOn: formatLongDay(input.now, taskForce.timeZone),
			changeNote,
			sections,
			contributors,
		})
		const editionId = createId()
		tx.insert(editions)
			.values({
				id: editionId,
				taskForceId: input.taskForceId,
				documentId: document.id,
				...number,
				title: document.title,
				changeNote,
				html,
				contributors: JSON.stringify(contributors),
				overrideReason: unmet.length > 0 ? reason : null,
				publishedAt: input.now,
				publishedBy: input.actor.id,
			})
			.run()
		sections.forEach((section, position) => {
			const doc = loadStoredDocument(tx, section.id)
			tx.insert(editionSections)
				.values({
					editionId,
					position,
					sectionId: section.id,
					title: section.title,
					state: Buffer.from(Y.encodeStateAsUpdate(doc)),
				})
				.run()
			doc.destroy()
		})
		recordActivity(
			tx,
			{
				taskForceId: input.taskForceId,
				actorId: input.actor.id,
				verb: 'edition.published',
				subjectType: 'edition',
				subjectId: editionId,
				data: {
					number: editionNumber(number),
					title: document.title,
					...(changeNote ? { changeNote } : {}),
					override: unmet.length > 0,
					...(unmet.length > 0 && reason ? { reason } : {}),
					unmet,
				},
			},
			input.now,
		)
		noticeMembers(tx, {
			taskForceId: input.taskForceId,
			actorId: input.actor.id,
			kind: 'edition_published',
			title: `Edition ${editionNumber(number)} of “${document.title}” is published`,
			body: changeNote ?? 'Read it, download it as PDF or Word, or share its address.',
			path: `/p/{slug}/${editionNumber(number)}`,
			now: input.now,
		})
		if (state.status === 'active') {
			// Leaving the publishing phase: the task force becomes published, as advancing does.
			const advanced = advancePhase(
				db,
				{
					taskForceId: input.taskForceId,
					actor: input.actor,
					from: 'publishing',
					reason: reason ?? undefined,
					confirmPublish: true,
					now: input.now,
				},
				{ accessChanged: () => {} },
			)
			if (!advanced.ok)
				throw new Error(`Publishing could not leave the publishing phase: ${advanced.message}`)
			leftPublishingPhase = true
		}
		return { ok: true, number: editionNumber(number) }
	})
	if (outcome.ok && leftPublishingPhase) live.accessChanged({ taskForceId: input.taskForceId })
	return outcome
}
