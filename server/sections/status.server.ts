import { and, count, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { commentThreads, sections } from '#db/schema/index.ts'
import type { SectionStatus } from '#shared/domain.ts'
import { describeUnsettled } from '#shared/gate.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { findSectionMove, SECTION_MOVES, type SectionMove } from '#shared/validation/sections.ts'
import type { AccessChanges } from '../context.server.ts'
import { authorize } from '../policies/authorize.server.ts'
import { canChangeSectionStatus } from '../policies/section.server.ts'
import type { Membership, Person, SectionFacts, TaskForceState } from '../policies/types.ts'
import { standingIn } from '../task-forces/membership.server.ts'
import {
	recordSectionActivity,
	removedRefusal,
	requireSection,
	type SectionActor,
	type SectionRefusal,
} from './records.server.ts'

/** The status moves this person may make on a section as it stands, in the order buttons show them. */
export function allowedSectionMoves(
	person: Person,
	membership: Membership | null,
	state: TaskForceState,
	section: SectionFacts,
): SectionMove[] {
	return SECTION_MOVES.filter(
		(move) =>
			move.from === section.status && canChangeSectionStatus(person, membership, state, section, move.to),
	)
}

/**
 * Moves a section's status: its writers start drafting, its lead sends it to review, co-chairs
 * approve (with no open comment threads or pending suggestions, or with a reason written down for
 * approving anyway, kept in the activity log), send back (with a note for the writers, kept on the section until its next move) or
 * reopen. The policy is asked about the status the person saw: someone who could not have made the
 * move gets 403; someone who could, but was beaten to it, gets 409 and nothing changes.
 */
export function changeSectionStatus(
	db: Db,
	actor: SectionActor,
	documentId: string,
	sectionId: string,
	input: { from: SectionStatus; to: SectionStatus; note?: string | undefined },
	now: number,
	live: AccessChanges,
): { ok: true; title: string; move: SectionMove } | SectionRefusal {
	const outcome = db.transaction((tx) => {
		const row = requireSection(tx, documentId, sectionId)
		const seen = { subcommitteeId: row.subcommitteeId, status: input.from }
		const { membership, state } = standingIn(db, actor.taskForceId, actor.id)
		authorize(canChangeSectionStatus(actor, membership, state, seen, input.to))
		if (row.removedAt !== null) return removedRefusal(row)
		if (row.status !== input.from)
			return {
				ok: false as const,
				status: 409 as const,
				message: `“${row.title}” is ${SECTION_STATUS_LABELS[row.status].toLowerCase()} now: someone moved it first. Nothing was changed.`,
			}
		const move = findSectionMove(input.from, input.to)
		if (!move)
			return {
				ok: false as const,
				status: 400 as const,
				message: `A section cannot go from ${SECTION_STATUS_LABELS[input.from].toLowerCase()} straight to ${SECTION_STATUS_LABELS[input.to].toLowerCase()}.`,
			}
		const reason = move.to === 'approved' ? unsettled(db, row.id, row.openSuggestions) : null
		if (reason && !input.note?.trim())
			return {
				ok: false as const,
				status: 400 as const,
				field: 'note',
				message: `“${row.title}” has ${reason}. Resolve them first, or approve anyway and write why.`,
			}
		const note = move.note ? (input.note?.trim() ?? '') : ''
		if (move.note && !note)
			return {
				ok: false as const,
				status: 400 as const,
				field: 'note',
				message: 'Write what needs to change, so the writers know why it came back.',
			}
		// The note belongs to this one move: the next move clears it.
		tx.update(sections)
			.set({ status: move.to, statusNote: note || null })
			.where(eq(sections.id, row.id))
			.run()
		recordSectionActivity(
			tx,
			actor,
			row.id,
			'section.status_changed',
			{
				title: row.title,
				from: move.from,
				to: move.to,
				...(note ? { note } : {}),
				...(reason ? { unsettled: reason, reason: input.note?.trim() } : {}),
			},
			now,
		)
		return { ok: true as const, title: row.title, move }
	})
	// Approving leaves only co-chairs writing; reopening gives the writers their pen back.
	if (outcome.ok) live.accessChanged({ sectionId })
	return outcome
}

/** What stands in the way of approving a section, from the database; null when nothing does. */
function unsettled(db: Db, sectionId: string, openSuggestions: number): string | null {
	const threads =
		db
			.select({ n: count() })
			.from(commentThreads)
			.where(and(eq(commentThreads.sectionId, sectionId), eq(commentThreads.status, 'open')))
			.get()?.n ?? 0
	return describeUnsettled(threads, openSuggestions)
}
