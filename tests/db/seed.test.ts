import { verify } from '@node-rs/argon2'
import { and, count, desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import * as t from '#db/schema/index.ts'
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '#db/seed/demo.ts'
import { threadIdOfKey } from '#shared/collab/comment-anchor.ts'
import { suggestionAuthor } from '#shared/collab/suggestions.ts'
import { daysBetween } from '#shared/dates.ts'
import { createTempDatabase } from '../support/temp-database.ts'

// A fixed instant so the expected dates are exact; the seed itself uses the real day.
const SEEDED_AT = new Date('2026-11-28T15:00:00Z')

async function seeded() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: SEEDED_AT })
	return db
}

function userByEmail(db: Db, email: string) {
	const user = db.select().from(t.users).where(eq(t.users.email, email)).get()
	if (!user) throw new Error(`no user ${email}`)
	return user
}

function genai(db: Db) {
	const taskForce = db.select().from(t.taskForces).where(eq(t.taskForces.slug, 'genai')).get()
	if (!taskForce) throw new Error('no genai task force')
	return taskForce
}

describe('the demo seed', () => {
	test('holds the demo task force docs/architecture.md describes: sectors, people, subcommittees, sections', async () => {
		const db = await seeded()
		const bySector = Object.fromEntries(
			db
				.select({ sector: t.organizations.sector, n: count() })
				.from(t.organizations)
				.groupBy(t.organizations.sector)
				.all()
				.map((row) => [row.sector, row.n]),
		)
		expect(bySector.local_government).toBeGreaterThanOrEqual(45)
		expect(bySector.university).toBeGreaterThanOrEqual(15)
		expect(bySector.private_sector).toBeGreaterThanOrEqual(20)
		const taskForce = genai(db)
		const members = db.select().from(t.memberships).where(eq(t.memberships.taskForceId, taskForce.id)).all()
		expect(members.length).toBeGreaterThanOrEqual(100)
		expect(members.filter((member) => member.role === 'co_chair')).toHaveLength(5)
		expect(members.some((member) => member.role === 'observer')).toBe(true)
		const subcommittees = db
			.select()
			.from(t.subcommittees)
			.where(eq(t.subcommittees.taskForceId, taskForce.id))
			.all()
		expect(subcommittees).toHaveLength(7)
		expect(subcommittees.every((subcommittee) => subcommittee.leadUserId)).toBe(true)
		const [document] = db.select().from(t.documents).where(eq(t.documents.taskForceId, taskForce.id)).all()
		expect(document?.title).toBe('Generative AI for Local Governments')
		const sections = db
			.select()
			.from(t.sections)
			.where(eq(t.sections.documentId, document?.id ?? ''))
			.all()
		expect(sections.length).toBeGreaterThanOrEqual(8)
		const statuses = new Set(
			db
				.select({ status: t.assignments.status })
				.from(t.assignments)
				.all()
				.map((row) => row.status),
		)
		expect([...statuses].sort()).toEqual(['blocked', 'done', 'in_progress', 'todo'])
	})

	test('puts genai in the writing phase four weeks in, with publication in April five months ahead', async () => {
		const db = await seeded()
		const taskForce = genai(db)
		const phases = db.select().from(t.phases).where(eq(t.phases.taskForceId, taskForce.id)).all()
		const active = phases.filter((phase) => phase.status === 'active')
		expect(active.map((phase) => phase.kind)).toEqual(['writing'])
		const today = '2026-11-28'
		expect(daysBetween(active[0]?.startsOn ?? '', today)).toBe(28)
		expect(taskForce.publicationDate).toBe('2027-04-27')
		expect(daysBetween(today, taskForce.publicationDate)).toBe(150)
		const sorted = phases.sort((a, b) => a.position - b.position)
		for (let i = 1; i < sorted.length; i++) {
			expect(daysBetween(sorted[i - 1]?.endsOn ?? '', sorted[i]?.startsOn ?? '')).toBe(1)
		}
		expect(sorted.at(-1)?.endsOn).toBe(taskForce.publicationDate)
	})

	test('creates the contract demo accounts with their roles and a real argon2id hash', async () => {
		const db = await seeded()
		const taskForce = genai(db)
		const roleOf = (email: string) =>
			db
				.select({ role: t.memberships.role })
				.from(t.memberships)
				.where(
					and(
						eq(t.memberships.taskForceId, taskForce.id),
						eq(t.memberships.userId, userByEmail(db, email).id),
					),
				)
				.get()?.role
		expect(roleOf('cochair@demo.test')).toBe('co_chair')
		expect(roleOf('observer@demo.test')).toBe('observer')
		expect(roleOf('writer@demo.test')).toBe('member')
		expect(roleOf('admin@demo.test')).toBeUndefined()
		expect(userByEmail(db, 'admin@demo.test').isAdmin).toBe(true)

		const engagement = db
			.select()
			.from(t.subcommittees)
			.where(eq(t.subcommittees.name, 'Community Engagement and Transparency'))
			.get()
		expect(engagement?.leadUserId).toBe(userByEmail(db, 'lead@demo.test').id)
		const engagementMembers = db
			.select({ userId: t.subcommitteeMembers.userId })
			.from(t.subcommitteeMembers)
			.where(eq(t.subcommitteeMembers.subcommitteeId, engagement?.id ?? ''))
			.all()
			.map((row) => row.userId)
		for (const email of ['lead@demo.test', 'writer@demo.test', 'writer2@demo.test']) {
			expect(engagementMembers).toContain(userByEmail(db, email).id)
		}
		expect(engagementMembers).not.toContain(userByEmail(db, 'outsider@demo.test').id)
		const outsiderSubcommittees = db
			.select()
			.from(t.subcommitteeMembers)
			.where(eq(t.subcommitteeMembers.userId, userByEmail(db, 'outsider@demo.test').id))
			.all()
		expect(outsiderSubcommittees.length).toBeGreaterThan(0)

		const hash = userByEmail(db, 'writer@demo.test').passwordHash ?? ''
		expect(hash).toMatch(/^\$argon2id\$/)
		await expect(verify(hash, DEMO_PASSWORD)).resolves.toBe(true)
		await expect(verify(hash, 'wrong-password')).resolves.toBe(false)
	})

	test('gives every section a Yjs body in TipTap shape whose words match the stored count', async () => {
		const db = await seeded()
		const rows = db
			.select({ state: t.docSnapshots.state, wordCount: t.sections.wordCount })
			.from(t.sections)
			.innerJoin(t.docSnapshots, eq(t.docSnapshots.docId, t.sections.id))
			.all()
		expect(rows.length).toBe(db.select({ n: count() }).from(t.sections).get()?.n)
		for (const row of rows) {
			const doc = new Y.Doc()
			Y.applyUpdate(doc, row.state)
			const blocks = doc.getXmlFragment('default').toArray() as Y.XmlElement[]
			expect(blocks[0]?.nodeName).toBe('heading')
			expect(blocks[0]?.getAttribute('level')).toBe(2)
			expect(blocks.some((block) => block.nodeName === 'paragraph')).toBe(true)
			const text = blocks.map((block) => block.toArray().map(plainText).join('')).join(' ')
			expect(text.split(/\s+/).filter(Boolean).length).toBe(row.wordCount)
		}
	})

	test('has open comment threads on genai sections, each anchored on its words in the text, started by a member', async () => {
		const db = await seeded()
		const threads = listSeededThreads(db)
		expect(threads.length).toBeGreaterThanOrEqual(2)
		for (const thread of threads) {
			expect(thread.status).toBe('open')
			expect(thread.quote.length).toBeGreaterThan(10)
			expect(thread.comments).toBeGreaterThanOrEqual(1)
			expect(thread.role).toBe('member')
			const snapshot = db
				.select()
				.from(t.docSnapshots)
				.where(eq(t.docSnapshots.docId, thread.sectionId))
				.get()
			const doc = new Y.Doc()
			Y.applyUpdate(doc, snapshot?.state as Uint8Array)
			const anchored = doc
				.getXmlFragment('default')
				.toArray()
				.flatMap((block) => ((block as Y.XmlElement).get(0) as Y.XmlText).toDelta() as DeltaOp[])
				.filter((op) =>
					Object.entries(op.attributes ?? {}).some(([key, value]) => threadIdOfKey(key, value) === thread.id),
				)
				.map((op) => op.insert)
				.join('')
			expect(anchored).toBe(thread.quote)
		}
	})

	test('has pending suggestions in a genai section, an insertion and a deletion by a member of its subcommittee', async () => {
		const db = await seeded()
		const found: Array<[string, string, string]> = []
		for (const snapshot of db.select().from(t.docSnapshots).all()) {
			const doc = new Y.Doc()
			Y.applyUpdate(doc, snapshot.state)
			for (const block of doc.getXmlFragment('default').toArray()) {
				for (const op of ((block as Y.XmlElement).get(0) as Y.XmlText).toDelta() as DeltaOp[]) {
					for (const kind of ['insertion', 'deletion'])
						if (op.attributes?.[kind]) {
							const author = suggestionAuthor((op.attributes[kind] as { id: unknown }).id)
							found.push([kind, op.insert, author?.userId ?? 'no author'])
						}
				}
			}
		}
		expect(found.map(([kind, words]) => [kind, words])).toEqual([
			['insertion', ', in plain language'],
			['deletion', 'Data ownership, '],
		])
		const writers = db
			.select({ userId: t.subcommitteeMembers.userId })
			.from(t.subcommitteeMembers)
			.innerJoin(t.subcommittees, eq(t.subcommittees.id, t.subcommitteeMembers.subcommitteeId))
			.where(eq(t.subcommittees.name, 'Procurement and Vendors'))
			.all()
			.map((row) => row.userId)
		for (const [, , author] of found) expect(writers).toContain(author)
	})

	test('gives the writer an inbox with their newest items unread, each linking to a thing that exists, never to be emailed', async () => {
		const db = await seeded()
		const writer = userByEmail(db, 'writer@demo.test')
		const items = db
			.select()
			.from(t.notifications)
			.where(eq(t.notifications.userId, writer.id))
			.orderBy(desc(t.notifications.createdAt))
			.all()
		expect(items.map((item) => item.readAt === null)).toEqual([
			true,
			true,
			...items.slice(2).map(() => false),
		])
		expect(items.some((item) => item.title.startsWith('Assigned to you: '))).toBe(true)
		const everyone = db.select().from(t.notifications).all()
		expect(everyone.filter((item) => item.delivery !== 'off')).toEqual([])
		expect(everyone.filter((item) => item.createdAt > SEEDED_AT.getTime())).toEqual([])
		const ids = (rows: Array<{ id: string }>) => new Set(rows.map((row) => row.id))
		const things = {
			assignments: ids(db.select({ id: t.assignments.id }).from(t.assignments).all()),
			sections: ids(db.select({ id: t.sections.id }).from(t.sections).all()),
		}
		for (const item of everyone) {
			const [, kind, id] =
				item.path.match(/^\/t\/genai\/(assignments|sections|timeline)\/?([a-z2-7]{16})?/) ?? []
			expect(kind, item.path).toBeDefined()
			if (kind === 'assignments' || kind === 'sections')
				expect(things[kind].has(id ?? ''), item.path).toBe(true)
		}
		// The co-chair did all of it, so is told of none of it.
		expect(everyone.filter((item) => item.userId === userByEmail(db, 'cochair@demo.test').id)).toEqual([])
	})

	test('is deterministic: two seeds of the same day are identical', async () => {
		const first = await seeded()
		const second = await seeded()
		const dump = (db: Db) => ({
			users: db.select({ id: t.users.id, email: t.users.email }).from(t.users).orderBy(t.users.id).all(),
			sections: db.select().from(t.sections).orderBy(t.sections.id).all(),
			snapshots: db.select().from(t.docSnapshots).orderBy(t.docSnapshots.docId).all(),
		})
		expect(dump(second)).toEqual(dump(first))
	})
})

describe('reseeding', () => {
	test('an empty database is recognised and a seeded one is not', async () => {
		const db = await seeded()
		const { db: empty } = createTempDatabase()
		expect(isDatabaseEmpty(empty)).toBe(true)
		expect(isDatabaseEmpty(db)).toBe(false)
	})

	test('replacing existing data leaves exactly one demo, not two', async () => {
		const db = await seeded()
		await seedDemo(db, { today: SEEDED_AT, replaceExisting: true })
		expect(db.select({ n: count() }).from(t.taskForces).get()?.n).toBe(2)
		expect(
			db.select({ n: count() }).from(t.users).where(eq(t.users.email, 'cochair@demo.test')).get()?.n,
		).toBe(1)
	})

	test('seeding a non-empty database without replacing fails and changes nothing', async () => {
		const db = await seeded()
		const before = db.select({ n: count() }).from(t.users).get()?.n
		await expect(seedDemo(db, { today: SEEDED_AT })).rejects.toThrow(/UNIQUE/)
		expect(db.select({ n: count() }).from(t.users).get()?.n).toBe(before)
	})
})

type DeltaOp = { insert: string; attributes?: Record<string, unknown> }

/** An XmlText's characters, without the formatting `toString` writes around them. */
function plainText(node: unknown): string {
	if (!(node instanceof Y.XmlText)) return String(node)
	return (node.toDelta() as DeltaOp[]).map((op) => op.insert).join('')
}

function listSeededThreads(db: Db) {
	return db
		.select({
			id: t.commentThreads.id,
			sectionId: t.commentThreads.sectionId,
			quote: t.commentThreads.quote,
			status: t.commentThreads.status,
			role: t.memberships.role,
			comments: count(t.comments.id),
		})
		.from(t.commentThreads)
		.innerJoin(t.sections, eq(t.sections.id, t.commentThreads.sectionId))
		.innerJoin(t.documents, eq(t.documents.id, t.sections.documentId))
		.innerJoin(
			t.memberships,
			and(
				eq(t.memberships.taskForceId, t.documents.taskForceId),
				eq(t.memberships.userId, t.commentThreads.createdBy),
			),
		)
		.leftJoin(t.comments, eq(t.comments.threadId, t.commentThreads.id))
		.groupBy(t.commentThreads.id)
		.all()
}
