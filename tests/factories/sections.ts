import type { Db } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { docSnapshots, docUpdates, documents, phases, sections } from '#db/schema/index.ts'
import type { SectionActor } from '#server/sections/records.server.ts'
import type { Role } from '#shared/domain.ts'
import { addMember, createTaskForce, createUser } from './users.ts'

/** A document with no sections yet. */
function createDocument(db: Db, taskForceId: string, title = 'Guidebook') {
	const document = { id: createId(), taskForceId, title }
	db.insert(documents).values(document).run()
	return document
}

/** A section on the document's outline, at `position`; not started and unowned unless told. */
export function createSection(
	db: Db,
	documentId: string,
	position: number,
	overrides: Partial<typeof sections.$inferInsert> = {},
) {
	const row = { id: createId(), documentId, title: `Section ${position}`, position, ...overrides }
	db.insert(sections).values(row).run()
	return row
}

/** Some stored text for a section: one snapshot and one later update, as the collaboration server keeps them. */
export function storeText(db: Db, sectionId: string) {
	db.insert(docSnapshots)
		.values({ docId: sectionId, state: Buffer.from([1, 2, 3]), seq: 1, updatedAt: Date.now() })
		.run()
	db.insert(docUpdates)
		.values({ docId: sectionId, seq: 2, data: Buffer.from([4, 5, 6]), at: Date.now() })
		.run()
}

/**
 * An active task force in its writing phase with a document of `count` sections, and a person of
 * the given role acting on it.
 */
export function createOutline(db: Db, options: { count?: number; role?: Role } = {}) {
	const taskForce = createTaskForce(db, { publicationDate: '2027-04-27' })
	db.insert(phases)
		.values([
			{
				id: createId(),
				taskForceId: taskForce.id,
				kind: 'research',
				position: 1,
				startsOn: '2026-09-01',
				endsOn: '2026-11-30',
				status: 'complete',
			},
			{
				id: createId(),
				taskForceId: taskForce.id,
				kind: 'writing',
				position: 2,
				startsOn: '2026-12-01',
				endsOn: '2027-02-28',
				status: 'active',
			},
		])
		.run()
	const document = createDocument(db, taskForce.id)
	const sectionRows = Array.from({ length: options.count ?? 3 }, (_, index) =>
		createSection(db, document.id, index + 1, { title: `Section ${index + 1}` }),
	)
	const user = createUser(db)
	const role = options.role ?? 'co_chair'
	addMember(db, taskForce.id, user.id, role)
	const actor: SectionActor = { id: user.id, isAdmin: false, taskForceId: taskForce.id }
	return { taskForce, document, sections: sectionRows, user, actor }
}

/** The row at `index`, or a failed test saying it is missing (instead of a non-null assertion). */
export function nth<T>(rows: readonly T[], index: number): T {
	const row = rows[index]
	if (row === undefined) throw new Error(`no row at ${index}`)
	return row
}
