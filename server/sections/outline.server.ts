import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { sections } from '#db/schema/index.ts'
import type { SectionDetailsInput } from '#shared/validation/sections.ts'
import type { AccessChanges } from '../context.server.ts'
import {
	outlineRows,
	recordSectionActivity,
	removedRefusal,
	renumber,
	requireOutlineManager,
	requireSection,
	type SectionActor,
	type SectionRefusal,
	subcommitteeName,
} from './records.server.ts'

function unknownOwner(): SectionRefusal {
	return {
		ok: false,
		status: 400,
		field: 'subcommitteeId',
		message: 'Choose one of the subcommittees listed, or none.',
	}
}

/**
 * Adds a section at the end of the outline, not started and with an empty text: the collaboration
 * server starts an empty document for a section with nothing stored.
 */
export function createSection(
	db: Db,
	actor: SectionActor,
	documentId: string,
	input: SectionDetailsInput,
	now: number,
): { ok: true; id: string; position: number } | SectionRefusal {
	const id = createId()
	return db.transaction((tx) => {
		requireOutlineManager(db, actor)
		if (input.subcommitteeId && !subcommitteeName(tx, actor.taskForceId, input.subcommitteeId))
			return unknownOwner()
		const position = outlineRows(tx, documentId).length + 1
		tx.insert(sections)
			.values({ id, documentId, position, ...input })
			.run()
		recordSectionActivity(tx, actor, id, 'section.created', { title: input.title }, now)
		return { ok: true as const, id, position }
	})
}

type Change = { from: unknown; to: unknown }

/**
 * Renames a section and sets its owner, target and due date. A new title is recorded as
 * `section.renamed`; the other fields that changed as one `section.updated` with their old and new
 * values (the owner by name, so the feed can say it). Saving what is already there records nothing.
 */
export function updateSection(
	db: Db,
	actor: SectionActor,
	documentId: string,
	sectionId: string,
	input: SectionDetailsInput,
	now: number,
	live: AccessChanges,
): { ok: true; renamed: boolean; changed: boolean } | SectionRefusal {
	const outcome = db.transaction((tx) => {
		requireOutlineManager(db, actor)
		const ownerName = subcommitteeName(tx, actor.taskForceId, input.subcommitteeId)
		if (input.subcommitteeId && !ownerName) return unknownOwner()
		const row = requireSection(tx, documentId, sectionId)
		if (row.removedAt !== null) return removedRefusal(row)
		const changes: Record<string, Change> = {}
		if (row.subcommitteeId !== input.subcommitteeId)
			changes.owner = { from: subcommitteeName(tx, actor.taskForceId, row.subcommitteeId), to: ownerName }
		if (row.targetWords !== input.targetWords)
			changes.targetWords = { from: row.targetWords, to: input.targetWords }
		if (row.dueOn !== input.dueOn) changes.dueOn = { from: row.dueOn, to: input.dueOn }
		const renamed = row.title !== input.title
		const changed = Object.keys(changes).length > 0
		if (!renamed && !changed) return { ok: true as const, renamed, changed }
		tx.update(sections).set(input).where(eq(sections.id, row.id)).run()
		if (renamed)
			recordSectionActivity(tx, actor, row.id, 'section.renamed', { from: row.title, to: input.title }, now)
		if (changed)
			recordSectionActivity(tx, actor, row.id, 'section.updated', { title: input.title, changes }, now)
		return { ok: true as const, renamed, changed }
	})
	// A new owner: the old subcommittee's writers read it now, the new one's write.
	if (outcome.ok && outcome.changed) live.accessChanged({ sectionId })
	return outcome
}

/**
 * Moves a section one place up or down and renumbers the outline, in one transaction.
 * `seenPosition` is where the person saw it; if the outline changed since, nothing moves (409).
 */
export function moveSection(
	db: Db,
	actor: SectionActor,
	documentId: string,
	sectionId: string,
	direction: 'up' | 'down',
	seenPosition: number,
	now: number,
): { ok: true; title: string; from: number; to: number } | SectionRefusal {
	return db.transaction((tx) => {
		requireOutlineManager(db, actor)
		const row = requireSection(tx, documentId, sectionId)
		if (row.removedAt !== null) return removedRefusal(row)
		const ordered = outlineRows(tx, documentId)
		const index = ordered.findIndex((candidate) => candidate.id === row.id)
		if (index + 1 !== seenPosition)
			return {
				ok: false as const,
				status: 409 as const,
				message: `The outline changed since you opened it: “${row.title}” is now number ${index + 1}. Nothing was moved.`,
			}
		const target = direction === 'up' ? index - 1 : index + 1
		if (target < 0 || target >= ordered.length)
			return {
				ok: false as const,
				status: 400 as const,
				message: `“${row.title}” is already ${direction === 'up' ? 'first' : 'last'}.`,
			}
		const reordered = [...ordered]
		reordered.splice(index, 1)
		reordered.splice(target, 0, row)
		renumber(tx, reordered)
		const from = index + 1
		const to = target + 1
		recordSectionActivity(tx, actor, row.id, 'section.moved', { title: row.title, from, to }, now)
		return { ok: true as const, title: row.title, from, to }
	})
}

/**
 * Takes a section off the outline. The row stays, and with it the text (its update log and
 * snapshot, keyed by the section id) and its versions, so a co-chair can restore it as it was.
 */
export function removeSection(
	db: Db,
	actor: SectionActor,
	documentId: string,
	sectionId: string,
	now: number,
	live: AccessChanges,
): { ok: true; title: string } | SectionRefusal {
	const outcome = db.transaction((tx) => {
		requireOutlineManager(db, actor)
		const row = requireSection(tx, documentId, sectionId)
		if (row.removedAt !== null)
			return { ok: false as const, status: 409 as const, message: `“${row.title}” was already removed.` }
		tx.update(sections).set({ removedAt: now }).where(eq(sections.id, row.id)).run()
		renumber(
			tx,
			outlineRows(tx, documentId).filter((candidate) => candidate.id !== row.id),
		)
		recordSectionActivity(tx, actor, row.id, 'section.removed', { title: row.title }, now)
		return { ok: true as const, title: row.title }
	})
	// A removed section has no text to write: its open sockets close.
	if (outcome.ok) live.accessChanged({ sectionId })
	return outcome
}

/** Brings a removed section back, at the end of the outline, with its text and status as they were. */
export function restoreSection(
	db: Db,
	actor: SectionActor,
	documentId: string,
	sectionId: string,
	now: number,
): { ok: true; title: string; position: number } | SectionRefusal {
	return db.transaction((tx) => {
		requireOutlineManager(db, actor)
		const row = requireSection(tx, documentId, sectionId)
		if (row.removedAt === null)
			return {
				ok: false as const,
				status: 409 as const,
				message: `“${row.title}” is already on the outline.`,
			}
		const position = outlineRows(tx, documentId).length + 1
		tx.update(sections).set({ removedAt: null, position }).where(eq(sections.id, row.id)).run()
		recordSectionActivity(tx, actor, row.id, 'section.restored', { title: row.title }, now)
		return { ok: true as const, title: row.title, position }
	})
}
