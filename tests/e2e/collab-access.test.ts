import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { connectCollab, eventually, sectionIdByTitle, storedText } from './collab-client.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

let server: RunningServer
let sectionId: string

beforeAll(async () => {
	server = await startServer()
	sectionId = sectionIdByTitle(server.dataDir, 'Community engagement and transparency')
})
afterAll(async () => {
	await server?.stop()
})

test('compaction folds the log into a snapshot and a reload gives exactly the same text', async () => {
	const writer = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer@demo.test'))
	await writer.synced
	for (let i = 0; i < 40; i++) {
		writer.append(`Paragraph ${i} of a long afternoon of writing about public registers of AI use.`)
		await new Promise((resolve) => setTimeout(resolve, 5))
	}
	const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
	const logRows = () =>
		(db.prepare('select count(*) as n from doc_updates where doc_id = ?').get(sectionId) as { n: number }).n
	try {
		await eventually(() => logRows() < 40, 'the log is compacted')
	} finally {
		db.close()
	}
	expect(storedText(server.dataDir, sectionId)).toBe(writer.text())
	const reader = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer2@demo.test'))
	await reader.synced
	expect(reader.text()).toBe(writer.text())
	writer.destroy()
	reader.destroy()
})

test('a phase advance makes a live member a suggester within seconds; a plain edit from them is refused with 4422 and nothing of it is stored', async () => {
	const writer = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer@demo.test'))
	await writer.synced
	expect(writer.access()).toBe('write')
	const cochair = await signIn(server.origin, 'cochair@demo.test')
	const advance = await postForm(
		server.origin,
		'/t/genai/settings/phases',
		{ intent: 'advance', from: 'writing', reason: 'Moving to editing for the test of live downgrades.' },
		cochair,
	)
	expect(advance.status).toBe(200)
	await eventually(() => writer.access() === 'suggest', 'the member is told they now suggest', 6_000)
	const before = storedText(server.dataDir, sectionId)
	writer.append('WRITTEN AFTER THE DOWNGRADE')
	await eventually(
		() => writer.closes.some((close) => close.code === CLOSE_CODES.SUGGESTIONS_ONLY),
		'the socket closes with 4422',
		6_000,
	)
	expect(storedText(server.dataDir, sectionId)).toBe(before)
	// Anyone else in the section never saw it.
	const reader = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer2@demo.test'))
	await reader.synced
	expect(reader.text()).not.toContain('WRITTEN AFTER THE DOWNGRADE')
	reader.destroy()
	writer.destroy()
})

test('removing a member closes their open socket with 4403', async () => {
	const lead = connectCollab(server.origin, sectionId, await signIn(server.origin, 'lead@demo.test'))
	await lead.synced
	const cochair = await signIn(server.origin, 'cochair@demo.test')
	const members = await (await get(server.origin, '/t/genai/members', cochair)).text()
	const userId = members.match(
		/name="userId" value="([a-z2-7]{16})"\/><button[^>]*>Remove (?:<!-- -->)?Renée Okafor/,
	)?.[1]
	expect(userId).toBeDefined()
	await postForm(server.origin, '/t/genai/members', { intent: 'remove', userId: userId ?? '' }, cochair)
	await eventually(
		() => lead.closes.some((close) => close.code === CLOSE_CODES.ACCESS_CHANGED),
		'the socket closes with 4403',
		6_000,
	)
	lead.destroy()
})
