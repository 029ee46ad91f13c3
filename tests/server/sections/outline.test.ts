import { asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import { activity, docSnapshots, docUpdates, sections, taskForces } from '#db/schema/index.ts'
import {
	createSection,
	moveSection,
	removeSection,
	restoreSection,
	updateSection,
} from '#server/sections/outline.server.ts'
import { listRemovedSections, listSections } from '#server/task-forces/documents.server.ts'
import { createOutline, createSection as createSectionRow, nth, storeText } from '../../factories/sections.ts'
import { createSubcommitteeRow } from '../../factories/subcommittees.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const T0 = Date.parse('2026-12-10T15:00:00Z')
const details = { title: 'Glossary', subcommitteeId: null, targetWords: null, dueOn: null }

function setting(options: Parameters<typeof createOutline>[1] = {}) {
	const { db } = createTempDatabase()
	return { db, ...createOutline(db, options) }
}

/** Titles in reading order, as the outline shows them. */
function titles(db: Db, documentId: string) {
	return listSections(db, documentId).map((section) => section.title)
}

function positions(db: Db, documentId: string) {
	return db
		.select({ title: sections.title, position: sections.position, removedAt: sections.removedAt })
		.from(sections)
		.where(eq(sections.documentId, documentId))
		.orderBy(asc(sections.position))
		.all()
}

function entries(db: Db) {
	return db
		.select({ verb: activity.verb, data: activity.data, subjectType: activity.subjectType })
		.from(activity)
		.all()
}

describe('adding a section', () => {
	test('a co-chair adds a section at the end, not started, and it is recorded', () => {
		const { db, document, actor } = setting()
		const outcome = createSection(db, actor, document.id, details, T0)
		expect(outcome).toMatchObject({ ok: true, position: 4 })
		expect(titles(db, document.id)).toEqual(['Section 1', 'Section 2', 'Section 3', 'Glossary'])
		expect(listSections(db, document.id).at(-1)).toMatchObject({ status: 'not_started', wordCount: 0 })
		expect(entries(db)).toEqual([
			{ verb: 'section.created', subjectType: 'section', data: { title: 'Glossary' } },
		])
	})

	test('a new section starts with no stored text: the collaboration server loads an empty document', () => {
		const { db, document, actor } = setting()
		const outcome = createSection(db, actor, document.id, details, T0)
		if (!outcome.ok) throw new Error('not added')
		expect(db.select().from(docSnapshots).where(eq(docSnapshots.docId, outcome.id)).all()).toEqual([])
	})

	test('a subcommittee of another task force cannot own it', () => {
		const { db, document, actor } = setting()
		const foreign = createSubcommitteeRow(db, createOutline(db).taskForce.id)
		const outcome = createSection(db, actor, document.id, { ...details, subcommitteeId: foreign.id }, T0)
		expect(outcome).toMatchObject({ ok: false, field: 'subcommitteeId' })
		expect(titles(db, document.id)).toHaveLength(3)
	})

	test('a member or an observer is refused with 403 and nothing is added', () => {
		for (const role of ['member', 'observer'] as const) {
			const { db, document, actor } = setting({ role })
			expect(() => createSection(db, actor, document.id, details, T0)).toThrowError(
				expect.objectContaining({ status: 403 }),
			)
			expect(titles(db, document.id)).toHaveLength(3)
		}
	})

	test('nobody changes the outline of a published task force, co-chairs included', () => {
		const { db, document, actor, taskForce } = setting()
		db.update(taskForces).set({ status: 'published' }).where(eq(taskForces.id, taskForce.id)).run()
		expect(() => createSection(db, actor, document.id, details, T0)).toThrowError(
			expect.objectContaining({ status: 403 }),
		)
	})
})

describe('editing a section', () => {
	test('renaming records the old and new title; other changes are recorded with their values', () => {
		const { db, document, actor, taskForce, sections: rows } = setting()
		const owner = createSubcommitteeRow(db, taskForce.id, { name: 'Open Data and 311' })
		const section = nth(rows, 0)
		const outcome = updateSection(
			db,
			actor,
			document.id,
			section.id,
			{ title: 'Introduction', subcommitteeId: owner.id, targetWords: 1500, dueOn: '2027-01-15' },
			T0,
			live,
		)
		expect(outcome).toEqual({ ok: true, renamed: true, changed: true })
		expect(listSections(db, document.id)[0]).toMatchObject({
			title: 'Introduction',
			subcommittee: 'Open Data and 311',
			targetWords: 1500,
			dueOn: '2027-01-15',
		})
		expect(entries(db)).toEqual([
			{ verb: 'section.renamed', subjectType: 'section', data: { from: 'Section 1', to: 'Introduction' } },
			{
				verb: 'section.updated',
				subjectType: 'section',
				data: {
					title: 'Introduction',
					changes: {
						owner: { from: null, to: 'Open Data and 311' },
						targetWords: { from: null, to: 1500 },
						dueOn: { from: null, to: '2027-01-15' },
					},
				},
			},
		])
	})

	test('saving what is already there records nothing', () => {
		const { db, document, actor, sections: rows } = setting()
		const outcome = updateSection(
			db,
			actor,
			document.id,
			nth(rows, 1).id,
			{ ...details, title: 'Section 2' },
			T0,
			live,
		)
		expect(outcome).toEqual({ ok: true, renamed: false, changed: false })
		expect(entries(db)).toEqual([])
	})

	test('a section of another document is not found', () => {
		const { db, document, actor } = setting()
		const other = createSectionRow(db, createOutline(db).document.id, 1)
		expect(() => updateSection(db, actor, document.id, other.id, details, T0, live)).toThrowError(
			expect.objectContaining({ status: 404 }),
		)
	})
})

describe('reordering', () => {
	test('moving a section up swaps it with the one above and renumbers the outline from 1', () => {
		const { db, document, actor, sections: rows } = setting({ count: 4 })
		// Gaps and ties, as concurrent adds and old removals can leave them.
		db.update(sections)
			.set({ position: 10 })
			.where(eq(sections.id, nth(rows, 2).id))
			.run()
		db.update(sections)
			.set({ position: 10 })
			.where(eq(sections.id, nth(rows, 3).id))
			.run()
		const third = [nth(rows, 2), nth(rows, 3)].sort((a, b) => a.id.localeCompare(b.id))
		const outcome = moveSection(db, actor, document.id, nth(third, 1).id, 'up', 4, T0)
		expect(outcome).toMatchObject({ ok: true, from: 4, to: 3 })
		expect(positions(db, document.id).map((row) => row.position)).toEqual([1, 2, 3, 4])
		expect(titles(db, document.id)).toEqual([
			'Section 1',
			'Section 2',
			nth(third, 1).title,
			nth(third, 0).title,
		])
		expect(entries(db)).toEqual([
			{ verb: 'section.moved', subjectType: 'section', data: { title: nth(third, 1).title, from: 4, to: 3 } },
		])
	})

	test('moving down, then up again, puts the outline back as it was', () => {
		const { db, document, actor, sections: rows } = setting()
		moveSection(db, actor, document.id, nth(rows, 0).id, 'down', 1, T0)
		expect(titles(db, document.id)).toEqual(['Section 2', 'Section 1', 'Section 3'])
		moveSection(db, actor, document.id, nth(rows, 0).id, 'up', 2, T0)
		expect(titles(db, document.id)).toEqual(['Section 1', 'Section 2', 'Section 3'])
	})

	test('the first section cannot move up, nor the last down', () => {
		const { db, document, actor, sections: rows } = setting()
		expect(moveSection(db, actor, document.id, nth(rows, 0).id, 'up', 1, T0)).toMatchObject({
			ok: false,
			status: 400,
		})
		expect(moveSection(db, actor, document.id, nth(rows, 2).id, 'down', 3, T0)).toMatchObject({
			ok: false,
			status: 400,
		})
		expect(entries(db)).toEqual([])
	})

	test('a move from a stale page (or a double click) is refused with 409 and moves nothing', () => {
		const { db, document, actor, sections: rows } = setting()
		moveSection(db, actor, document.id, nth(rows, 2).id, 'up', 3, T0)
		expect(moveSection(db, actor, document.id, nth(rows, 2).id, 'up', 3, T0)).toMatchObject({
			ok: false,
			status: 409,
		})
		expect(titles(db, document.id)).toEqual(['Section 1', 'Section 3', 'Section 2'])
	})
})

describe('removing and restoring', () => {
	test('removal takes a section off the outline and renumbers the rest, keeping the row and its text', () => {
		const { db, document, actor, sections: rows } = setting()
		storeText(db, nth(rows, 0).id)
		expect(removeSection(db, actor, document.id, nth(rows, 0).id, T0, live)).toEqual({
			ok: true,
			title: 'Section 1',
		})
		expect(titles(db, document.id)).toEqual(['Section 2', 'Section 3'])
		expect(listSections(db, document.id).map((section) => section.position)).toEqual([1, 2])
		expect(listRemovedSections(db, document.id)).toMatchObject([{ title: 'Section 1', removedAt: T0 }])
		expect(
			db
				.select()
				.from(docSnapshots)
				.where(eq(docSnapshots.docId, nth(rows, 0).id))
				.all(),
		).toHaveLength(1)
		expect(
			db
				.select()
				.from(docUpdates)
				.where(eq(docUpdates.docId, nth(rows, 0).id))
				.all(),
		).toHaveLength(1)
		expect(entries(db)).toEqual([
			{ verb: 'section.removed', subjectType: 'section', data: { title: 'Section 1' } },
		])
	})

	test('restoring brings it back at the end with its text and status as they were', () => {
		const { db, document, actor, sections: rows } = setting()
		db.update(sections)
			.set({ status: 'drafting', wordCount: 120 })
			.where(eq(sections.id, nth(rows, 0).id))
			.run()
		storeText(db, nth(rows, 0).id)
		removeSection(db, actor, document.id, nth(rows, 0).id, T0, live)
		expect(restoreSection(db, actor, document.id, nth(rows, 0).id, T0 + 1)).toEqual({
			ok: true,
			title: 'Section 1',
			position: 3,
		})
		expect(titles(db, document.id)).toEqual(['Section 2', 'Section 3', 'Section 1'])
		expect(listSections(db, document.id).at(-1)).toMatchObject({ status: 'drafting', wordCount: 120 })
		expect(listRemovedSections(db, document.id)).toEqual([])
		expect(
			db
				.select()
				.from(docUpdates)
				.where(eq(docUpdates.docId, nth(rows, 0).id))
				.all(),
		).toHaveLength(1)
		expect(entries(db).map((entry) => entry.verb)).toEqual(['section.removed', 'section.restored'])
	})

	test('a removed section cannot be edited, moved or removed again until it is restored', () => {
		const { db, document, actor, sections: rows } = setting()
		removeSection(db, actor, document.id, nth(rows, 1).id, T0, live)
		expect(updateSection(db, actor, document.id, nth(rows, 1).id, details, T0, live)).toMatchObject({
			ok: false,
		})
		expect(moveSection(db, actor, document.id, nth(rows, 1).id, 'up', 2, T0)).toMatchObject({ ok: false })
		expect(removeSection(db, actor, document.id, nth(rows, 1).id, T0, live)).toMatchObject({
			ok: false,
			status: 409,
		})
		expect(restoreSection(db, actor, document.id, nth(rows, 0).id, T0)).toMatchObject({
			ok: false,
			status: 409,
		})
	})
})
