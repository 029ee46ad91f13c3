import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import { expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import {
	activity,
	comments,
	commentThreads,
	documents,
	memberships,
	sectionReviews,
	sections,
	sectionVersions,
	taskForces,
	users,
} from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { buildRecordsArchive, type RecordsManifest } from '#server/publication/records-archive.server.ts'
import {
	loadStoredDocument,
	snapshotSectionVersions,
	storeSectionVersion,
} from '#server/sections/section-versions.server.ts'
import { createTempDatabase } from '../../support/temp-database.ts'
import { readZip } from '../../support/zip.ts'

const NOW = new Date('2026-11-28T15:00:00Z').getTime()
const ODD_TITLE = '../../etc/passwd <b>&"Résumé"</b> %2e%2e\\ 🙂 /'

/** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
	const records: string[][] = []
	let record: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const c = text[i]
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"'
				i++
			} else if (c === '"') quoted = false
			else field += c
		} else if (c === '"') quoted = true
		else if (c === ',') {
			record.push(field)
			field = ''
		} else if (c === '\r' && text[i + 1] === '\n') {
			record.push(field)
			records.push(record)
			record = []
			field = ''
			i++
		} else field += c
	}
	if (field !== '' || record.length > 0) records.push([...record, field])
	return records
}

/** The demo, with versions (a phase boundary for all, an automatic one naming authors), an odd title, a review. */
async function seededWithRecords() {
	const { db, dir } = createTempDatabase()
	await seedDemo(db, { today: new Date(NOW) })
	const taskForce = db.select().from(taskForces).where(eq(taskForces.slug, 'genai')).get()
	const document =
		taskForce && db.select().from(documents).where(eq(documents.taskForceId, taskForce.id)).get()
	const members = taskForce
		? db
				.select({ id: users.id, name: users.name, role: memberships.role })
				.from(memberships)
				.innerJoin(users, eq(users.id, memberships.userId))
				.where(eq(memberships.taskForceId, taskForce.id))
				.all()
		: []
	const chair = members.find((member) => member.role === 'co_chair')
	const writers = members.filter((member) => member.role === 'member').slice(0, 2)
	if (!taskForce || !document || !chair || writers.length < 2) throw new Error('seed changed')

	db.insert(sections)
		.values({ id: 'oddsectionid0001', documentId: document.id, title: ODD_TITLE, position: 99 })
		.run()
	db.insert(sections)
		.values({
			id: 'removedsection01',
			documentId: document.id,
			title: 'Old draft',
			position: 100,
			removedAt: NOW,
		})
		.run()
	db.transaction((tx) => {
		snapshotSectionVersions(tx, {
			taskForceId: taskForce.id,
			label: 'End of research',
			actorId: chair.id,
			now: NOW - 10 * 86_400_000,
		})
		const [first] = db
			.select({ id: sections.id })
			.from(sections)
			.where(eq(sections.documentId, document.id))
			.orderBy(sections.position)
			.all()
		const doc = loadStoredDocument(tx, first?.id as string)
		storeSectionVersion(tx, {
			sectionId: first?.id as string,
			kind: 'auto',
			label: 'While writing',
			doc,
			seq: 0,
			actorId: null,
			authors: writers.map((writer) => writer.id),
			now: NOW - 3_600_000,
		})
		doc.destroy()
	})
	const [reviewed] = db.select().from(sections).where(eq(sections.documentId, document.id)).all()
	db.insert(sectionReviews)
		.values({
			sectionId: reviewed?.id as string,
			reviewerId: writers[0]?.id as string,
			requestedBy: chair.id,
			requestedAt: NOW - 7_200_000,
			decision: 'changes_requested',
			note: 'Cite the procurement rules, please.',
			decidedAt: NOW - 3_600_000,
		})
		.run()
	return { db, dir, taskForce, chair, writers }
}

function sectionsWithVersions(db: Db, taskForceId: string) {
	return db
		.selectDistinct({ id: sections.id, title: sections.title })
		.from(sectionVersions)
		.innerJoin(sections, eq(sections.id, sectionVersions.sectionId))
		.innerJoin(documents, eq(documents.id, sections.documentId))
		.where(eq(documents.taskForceId, taskForceId))
		.all()
}

test('the records archive of the demo: every file hashed in the manifest, versions, comments, reviews, the whole log, who exported it', async () => {
	const { db, dir, taskForce, chair, writers } = await seededWithRecords()
	const archive = buildRecordsArchive(db, {
		taskForceId: taskForce.id,
		exportedBy: { id: chair.id, name: chair.name },
		organization: null,
		now: NOW,
	})
	expect(archive.fileName).toBe('genai-records-2026-11-28.zip')
	const file = path.join(dir, archive.fileName)
	writeFileSync(file, archive.zip)
	const files = await readZip(readFileSync(file))

	const manifest = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8')) as RecordsManifest
	expect(manifest).toMatchObject({
		format: 'convene-records/1',
		taskForce: { slug: 'genai', name: taskForce.name },
		exportedAt: '2026-11-28T15:00:00.000Z',
		exportedBy: chair.name,
		organization: null,
	})
	expect(manifest).toEqual(archive.manifest)
	// The manifest lists every file but itself, each with the size and hash of its bytes in the ZIP.
	expect(manifest.files.map((entry) => entry.path).sort()).toEqual(
		[...files.keys()].filter((name) => name !== 'manifest.json').sort(),
	)
	for (const entry of manifest.files) {
		const bytes = files.get(entry.path) as Buffer
		expect(bytes.byteLength, entry.path).toBe(entry.bytes)
		expect(createHash('sha256').update(bytes).digest('hex'), entry.path).toBe(entry.sha256)
	}
	// SHA256SUMS, for `sha256sum -c`, says the same.
	const sums = (files.get('SHA256SUMS') as Buffer).toString('utf8').trim().split('\n')
	expect(sums).toHaveLength(manifest.files.length - 1)
	for (const line of sums) {
		const [hash, name] = line.split('  ')
		expect(
			createHash('sha256')
				.update(files.get(name as string) as Buffer)
				.digest('hex'),
		).toBe(hash)
	}
	for (const name of files.keys()) {
		expect(name).toMatch(/^[A-Za-z0-9._/-]+$/)
		expect(name.split('/')).not.toContain('..')
	}

	// Every stored version of every section that has one, as a complete HTML document and Markdown.
	const versioned = sectionsWithVersions(db, taskForce.id)
	expect(versioned.length).toBeGreaterThanOrEqual(9)
	for (const section of versioned) {
		const stored = db.select().from(sectionVersions).where(eq(sectionVersions.sectionId, section.id)).all()
		const html = manifest.files.filter(
			(entry) => entry.section === section.title && entry.kind === 'version-html',
		)
		expect(html.length, section.title).toBe(stored.length)
		expect(html.length).toBeGreaterThanOrEqual(1)
		for (const entry of html) {
			expect(entry.path).toMatch(
				/^sections\/\d{2}-[a-z0-9-]+\/versions\/\d{4}-\d{2}-\d{2}T\d{6}Z-[a-z-]+\.html$/,
			)
			const text = (files.get(entry.path) as Buffer).toString('utf8')
			expect(text.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
			expect(text).toContain('<meta charset="utf-8">')
			expect(text).toMatch(/<title>[^<]+<\/title>/)
			expect(text).toContain(`datetime="${entry.createdAt}"`)
			expect(files.has(entry.path.replace(/\.html$/, '.md'))).toBe(true)
		}
	}
	const automatic = manifest.files.find(
		(entry) => entry.kind === 'version-html' && entry.path.endsWith('-auto.html'),
	)
	expect(automatic?.authors).toEqual(writers.map((writer) => writer.name).sort((a, b) => a.localeCompare(b)))
	expect((files.get(automatic?.path as string) as Buffer).toString('utf8')).toContain(
		writers.map((writer) => writer.name).sort((a, b) => a.localeCompare(b))[0],
	)
	// The current text of every section, removed ones too, in a folder that says so.
	expect(manifest.files.filter((entry) => entry.kind === 'current-html')).toHaveLength(versioned.length + 1)
	expect([...files.keys()].some((name) => /^sections\/\d+-old-draft-removed\/current\.md$/.test(name))).toBe(
		true,
	)
	const firstCurrent = manifest.files.find(
		(entry) => entry.kind === 'current-html' && entry.path.startsWith('sections/01-'),
	)
	expect((files.get(firstCurrent?.path as string) as Buffer).toString('utf8')).toMatch(/<main>\n<(p|h2)>/)

	// The odd title gives a safe folder, and stays the title (escaped) inside.
	const odd = manifest.files.filter((entry) => entry.section === ODD_TITLE)
	expect(odd.length).toBeGreaterThanOrEqual(2)
	for (const entry of odd) expect(entry.path).toMatch(/^sections\/\d{2}-etc-passwd-b-resume-b-2e-2e\//)
	const oddHtml = (files.get(odd[0]?.path as string) as Buffer).toString('utf8')
	expect(oddHtml).toContain(
		'<h1>../../etc/passwd &lt;b&gt;&amp;&quot;Résumé&quot;&lt;/b&gt; %2e%2e\\ 🙂 /</h1>',
	)

	// A seeded thread: its quote and every comment's body, with their authors.
	const thread = db
		.select()
		.from(commentThreads)
		.innerJoin(sections, eq(sections.id, commentThreads.sectionId))
		.where(
			inArray(
				sections.documentId,
				db.select({ id: documents.id }).from(documents).where(eq(documents.taskForceId, taskForce.id)),
			),
		)
		.get()
	expect(thread).toBeDefined()
	const threadComments = db
		.select({ body: comments.body })
		.from(comments)
		.where(eq(comments.threadId, thread?.comment_threads.id as string))
		.all()
	const commentsEntry = manifest.files.find(
		(entry) => entry.kind === 'comments' && entry.section === thread?.sections.title,
	)
	const commentsText = (files.get(commentsEntry?.path as string) as Buffer).toString('utf8')
	expect(commentsEntry?.path).toMatch(/^comments\/\d{2}-[a-z0-9-]+\.md$/)
	expect(commentsText).toContain(`> ${thread?.comment_threads.quote}`)
	expect(threadComments.length).toBeGreaterThan(0)
	for (const comment of threadComments) expect(commentsText).toContain(`> ${comment.body.split('\n')[0]}`)

	// Reviews: the request and its answer.
	const reviews = (files.get('reviews.md') as Buffer).toString('utf8')
	expect(reviews).toContain(`asked ${writers[0]?.name} to review`)
	expect(reviews).toContain('Cite the procurement rules, please')
	const reviewsJson = JSON.parse((files.get('reviews.json') as Buffer).toString('utf8'))
	expect(reviewsJson.reviews[0]).toMatchObject({ decision: 'changes_requested', reviewer: writers[0]?.name })

	// The activity log: one CSV row per row of the task force's log, after the header.
	const logRows = db.select().from(activity).where(eq(activity.taskForceId, taskForce.id)).all()
	expect(logRows.length).toBeGreaterThan(10)
	const csv = parseCsv((files.get('activity.csv') as Buffer).toString('utf8'))
	expect(csv[0]).toEqual(['time', 'actor', 'verb', 'sentence', 'subject_type', 'subject_id', 'data'])
	expect(csv).toHaveLength(logRows.length + 1)
	expect(csv.slice(1).every((row) => row.length === 7)).toBe(true)
	expect(new Set(csv.slice(1).map((row) => row[2]))).toEqual(new Set(logRows.map((row) => row.verb)))
	expect(JSON.parse((files.get('activity.json') as Buffer).toString('utf8'))).toHaveLength(logRows.length)

	// README: what it is, and who exported it when.
	const readme = (files.get('README.txt') as Buffer).toString('utf8')
	expect(readme).toContain(taskForce.name)
	expect(readme).toContain(`Exported by ${chair.name}.`)
	expect(readme).toContain('2026-11-28T15:00:00.000Z')
	expect(readme).toContain('sha256sum -c SHA256SUMS')

	// Compressed, and built from the files the manifest names.
	const total = manifest.files.reduce((sum, entry) => sum + entry.bytes, 0)
	expect(archive.zip.byteLength).toBeLessThan(total)
})

test("an organization's export says for whom, holds the same records, and reads nothing it should not change", async () => {
	const { db, taskForce, writers } = await seededWithRecords()
	const writer = writers[0] as { id: string; name: string }
	const before = db.select().from(activity).where(eq(activity.taskForceId, taskForce.id)).all().length
	const archive = buildRecordsArchive(db, {
		taskForceId: taskForce.id,
		exportedBy: writer,
		organization: { id: 'org', name: 'City of Example' },
		now: NOW,
	})
	expect(archive.manifest.organization).toBe('City of Example')
	const readme = archive.manifest.files.find((entry) => entry.path === 'README.txt')
	expect(readme).toBeDefined()
	const { dir } = createTempDatabase({ migrate: false })
	const file = path.join(dir, archive.fileName)
	writeFileSync(file, archive.zip)
	const files = await readZip(readFileSync(file))
	const text = (files.get('README.txt') as Buffer).toString('utf8')
	expect(text).toContain(`Exported for City of Example by ${writer.name}.`)
	expect(text).toContain('the same records of the whole task force')
	expect(db.select().from(activity).where(eq(activity.taskForceId, taskForce.id)).all()).toHaveLength(before)
	expect(
		db
			.select()
			.from(activity)
			.where(and(eq(activity.taskForceId, taskForce.id), eq(activity.verb, 'records.exported')))
			.all(),
	).toHaveLength(0)
})

test('an unknown task force is refused with a sentence', () => {
	const { db } = createTempDatabase()
	expect(() =>
		buildRecordsArchive(db, {
			taskForceId: 'nope',
			exportedBy: { id: 'x', name: 'X' },
			organization: null,
			now: NOW,
		}),
	).toThrow(/No task force nope/)
})
