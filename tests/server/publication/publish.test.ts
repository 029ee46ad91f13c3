import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import {
	activity,
	docUpdates,
	documents,
	editionSections,
	editions,
	memberships,
	phases,
	sections,
	taskForces,
	users,
} from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { getEdition } from '#server/publication/editions.server.ts'
import { publishEdition } from '#server/publication/publish.server.ts'
import { loadStoredDocument } from '#server/sections/section-versions.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import type { EditionContributors } from '#shared/publication/contributors.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const NOW = new Date('2026-11-28T15:00:00Z').getTime()
const REASON = 'The co-chairs agreed to publish the draft as it stands.'

async function genaiInPublishing() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date(NOW) })
	const taskForce = db.select().from(taskForces).where(eq(taskForces.slug, 'genai')).get()
	if (!taskForce) throw new Error('no genai')
	for (const kind of ['research', 'writing', 'editing'] as const)
		db.update(phases)
			.set({ status: 'complete' })
			.where(and(eq(phases.taskForceId, taskForce.id), eq(phases.kind, kind)))
			.run()
	db.update(phases)
		.set({ status: 'active', enteredAt: NOW })
		.where(and(eq(phases.taskForceId, taskForce.id), eq(phases.kind, 'publishing')))
		.run()
	const document = db.select().from(documents).where(eq(documents.taskForceId, taskForce.id)).get()
	const chairs = db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.taskForceId, taskForce.id), eq(memberships.role, 'co_chair')))
		.all()
	const member = db
		.select({ id: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.taskForceId, taskForce.id), eq(memberships.role, 'member')))
		.get()
	if (!document || !chairs[0] || !member) throw new Error('seed changed')
	return { db, taskForce, document, chair: { id: chairs[0].id, isAdmin: false }, chairs, member }
}

function sectionId(db: Db, title: string): string {
	const row = db.select({ id: sections.id }).from(sections).where(eq(sections.title, title)).get()
	if (!row) throw new Error(`no section ${title}`)
	return row.id
}

/** Types words into the first empty heading of a section, stored as that person's edit. */
function fillEmptyHeading(db: Db, id: string, words: string, userId: string) {
	const doc = loadStoredDocument(db, id)
	let update: Uint8Array | null = null
	doc.on('update', (change: Uint8Array) => {
		update = change
	})
	const heading = doc
		.getXmlFragment(FRAGMENT_NAME)
		.toArray()
		.find(
			(node): node is Y.XmlElement =>
				node instanceof Y.XmlElement && node.nodeName === 'heading' && node.toArray().join('') === '',
		)
	if (!heading) throw new Error('no empty heading')
	;(heading.get(0) as Y.XmlText).insert(0, words)
	db.insert(docUpdates)
		.values({ docId: id, seq: 1, data: Buffer.from(update as unknown as Uint8Array), userId, at: NOW })
		.run()
}

const live = () => ({ ...recordAccessChanges(), flush: () => {} })

test('publishing 1.0 waits for the accessibility fix and a reason for the unmet gate, then freezes the accepted text and publishes the task force', async () => {
	const { db, taskForce, document, chair, chairs } = await genaiInPublishing()
	const input = { taskForceId: taskForce.id, documentId: document.id, actor: chair, now: NOW }

	expect(publishEdition(db, live(), { ...input, reason: REASON })).toMatchObject({
		ok: false,
		field: 'accessibility',
	})
	fillEmptyHeading(db, sectionId(db, 'Use cases in local government'), 'County services', chair.id)
	expect(publishEdition(db, live(), input)).toMatchObject({ ok: false, field: 'reason' })
	expect(db.select().from(editions).where(eq(editions.taskForceId, taskForce.id)).all()).toEqual([])

	const access = live()
	expect(publishEdition(db, access, { ...input, reason: REASON })).toEqual({ ok: true, number: '1.0' })
	expect(access.scopes).toEqual([{ taskForceId: taskForce.id }])
	const status = db
		.select({ status: taskForces.status })
		.from(taskForces)
		.where(eq(taskForces.id, taskForce.id))
		.get()
	expect(status).toEqual({ status: 'published' })

	const edition = getEdition(db, taskForce.id, { major: 1, minor: 0 })
	expect(edition?.html).toContain('<h3>County services</h3>')
	const frozen = db
		.select()
		.from(editionSections)
		.where(eq(editionSections.editionId, edition?.id as string))
		.all()
	expect(frozen).toHaveLength(
		db.select().from(sections).where(eq(sections.documentId, document.id)).all().length,
	)
	// Credits: every co-chair, and per section the people whose stored edits are in it.
	const contributors = JSON.parse(edition?.contributors as string) as EditionContributors
	expect(contributors.coChairs.map((person) => person.name).sort()).toEqual(chairs.map((c) => c.name).sort())
	const useCases = contributors.sections.find((s) => s.title === 'Use cases in local government')
	expect(useCases?.people.map((person) => person.name)).toEqual([chairs[0]?.name])
	const entries = db
		.select({ verb: activity.verb, data: activity.data })
		.from(activity)
		.where(and(eq(activity.taskForceId, taskForce.id), eq(activity.at, NOW)))
		.all()
	expect(entries.map((row) => row.verb).sort()).toEqual(['edition.published', 'phase.advanced'])
	expect(entries.find((row) => row.verb === 'edition.published')?.data).toMatchObject({
		number: '1.0',
		override: true,
		reason: REASON,
	})
})

test('the edition holds the accepted text: a pending insertion is left out, a pending deletion kept', async () => {
	const { db, taskForce, document, chair } = await genaiInPublishing()
	fillEmptyHeading(db, sectionId(db, 'Use cases in local government'), 'County services', chair.id)
	// The demo's pending suggestions in Procurement: “, in plain language” proposed after “Describe the
	// problem first”, and “Data ownership, ” proposed for deletion.
	const procurement = loadStoredDocument(db, sectionId(db, 'Procurement and vendor management'))
	const suggested = procurement.getXmlFragment(FRAGMENT_NAME).toString()
	expect(suggested).toContain('<insertion')
	expect(suggested).toContain('<deletion')
	const input = { taskForceId: taskForce.id, documentId: document.id, actor: chair, now: NOW, reason: REASON }
	expect(publishEdition(db, live(), input)).toMatchObject({ ok: true })
	const html = getEdition(db, taskForce.id, { major: 1, minor: 0 })?.html ?? ''
	expect(html).toContain('Describe the problem first')
	expect(html).not.toContain('Describe the problem first, in plain language')
	expect(html).toContain('Data ownership, ')
})

test('a correction is 1.1 and needs a change note; people who asked are credited without organization or not at all', async () => {
	const { db, taskForce, document, chair, chairs } = await genaiInPublishing()
	fillEmptyHeading(db, sectionId(db, 'Use cases in local government'), 'County services', chair.id)
	const input = { taskForceId: taskForce.id, documentId: document.id, actor: chair, now: NOW, reason: REASON }
	expect(publishEdition(db, live(), input)).toMatchObject({ ok: true, number: '1.0' })

	expect(publishEdition(db, live(), input)).toMatchObject({ ok: false, field: 'changeNote' })
	const [hidden, nameOnly] = chairs.slice(1)
	db.update(users)
		.set({ creditAs: 'not_listed' })
		.where(eq(users.id, hidden?.id as string))
		.run()
	db.update(users)
		.set({ creditAs: 'name_only' })
		.where(eq(users.id, nameOnly?.id as string))
		.run()
	expect(publishEdition(db, live(), { ...input, changeNote: 'Corrected the credits.' })).toEqual({
		ok: true,
		number: '1.1',
	})
	const correction = getEdition(db, taskForce.id, { major: 1, minor: 1 })
	const credits = JSON.parse(correction?.contributors as string) as EditionContributors
	expect(credits.coChairs.map((person) => person.name)).not.toContain(hidden?.name)
	expect(credits.coChairs.find((person) => person.name === nameOnly?.name)).toEqual({
		name: nameOnly?.name,
		organization: null,
	})
	expect(correction?.html).toContain('What changed: Corrected the credits.')
	// The first edition keeps the credits it was published with.
	const first = JSON.parse(getEdition(db, taskForce.id, { major: 1, minor: 0 })?.contributors as string)
	expect(first.coChairs.map((person: { name: string }) => person.name)).toContain(hidden?.name)
})

test('only co-chairs publish, and only from the publishing phase on', async () => {
	const { db, taskForce, document, member, chair } = await genaiInPublishing()
	const input = { taskForceId: taskForce.id, documentId: document.id, now: NOW, reason: REASON }
	expect(() => publishEdition(db, live(), { ...input, actor: { id: member.id, isAdmin: false } })).toThrow()
	db.update(phases).set({ status: 'upcoming' }).where(eq(phases.taskForceId, taskForce.id)).run()
	db.update(phases)
		.set({ status: 'active' })
		.where(and(eq(phases.taskForceId, taskForce.id), eq(phases.kind, 'writing')))
		.run()
	expect(() => publishEdition(db, live(), { ...input, actor: chair })).toThrow()
	expect(db.select().from(editions).where(eq(editions.taskForceId, taskForce.id)).all()).toEqual([])
})
