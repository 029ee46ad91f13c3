import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import {
	type CollabClient,
	connectCollab,
	eventually,
	sectionIdByTitle,
	storedText,
} from './collab-client.ts'
import { postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

/**
 * An access change takes effect on open sockets in the same turn as its commit: an update a client
 * sends once the HTTP answer to the change has come back (so surely after the commit) is never
 * stored — not even in the seconds before the periodic re-check would have caught it.
 */

let server: RunningServer
let community: string
let procurement: string

beforeAll(async () => {
	server = await startServer()
	community = sectionIdByTitle(server.dataDir, 'Community engagement and transparency')
	procurement = sectionIdByTitle(server.dataDir, 'Procurement and vendor management')
})
afterAll(async () => {
	await server?.stop()
})

function userId(email: string): string {
	const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
	try {
		return (db.prepare('select id from users where email = ?').get(email) as { id: string }).id
	} finally {
		db.close()
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Writes `tag-0`, `tag-1`, … as separate updates (about 60 a second, well under the rate limit)
 * before, during and for a while after `change`; returns the first index sent after its answer.
 */
async function writeThrough(
	client: CollabClient,
	tag: string,
	change: () => Promise<Response>,
): Promise<{ firstAfter: number; sent: number; status: number }> {
	let sent = 0
	const timer = setInterval(() => {
		client.append(`${tag}-${sent}`)
		sent += 1
	}, 16)
	try {
		await sleep(200)
		const response = await change()
		const firstAfter = sent
		// Longer than the periodic re-check (2 s): without the immediate re-decision, updates land.
		await sleep(700)
		return { firstAfter, sent, status: response.status }
	} finally {
		clearInterval(timer)
		// Let anything accepted be committed before the database is read.
		await sleep(300)
	}
}

function storedIndices(sectionId: string, tag: string): number[] {
	return [...storedText(server.dataDir, sectionId).matchAll(new RegExp(`${tag}-(\\d+)<`, 'g'))].map((match) =>
		Number(match[1]),
	)
}

async function connected(email: string, sectionId: string, cookie?: string): Promise<CollabClient> {
	const client = connectCollab(server.origin, sectionId, cookie ?? (await signIn(server.origin, email)))
	await client.synced
	expect(client.access(), email).toBe('write')
	return client
}

function expectNothingStoredAfter(sectionId: string, tag: string, run: { firstAfter: number; sent: number }) {
	const stored = storedIndices(sectionId, tag)
	// Not vacuous: updates sent before the change were stored, and some were sent after it.
	expect(stored).toContain(0)
	expect(run.sent).toBeGreaterThan(run.firstAfter + 10)
	expect(stored.filter((index) => index >= run.firstAfter)).toEqual([])
}

test('signing out closes that session’s socket at once; nothing sent after the sign-out is stored', async () => {
	const cookie = await signIn(server.origin, 'writer@demo.test')
	const writer = await connected('writer@demo.test', community, cookie)
	const run = await writeThrough(writer, 'signout', () => postForm(server.origin, '/logout', {}, cookie))
	expect(run.status).toBe(303)
	expect(writer.closes.map((close) => close.code)).toContain(CLOSE_CODES.SIGNED_OUT)
	expectNothingStoredAfter(community, 'signout', run)
	writer.destroy()
})

test('making a writer an observer downgrades their socket at once', async () => {
	const writer = await connected('writer2@demo.test', community)
	const cochair = await signIn(server.origin, 'cochair@demo.test')
	const run = await writeThrough(writer, 'role', () =>
		postForm(
			server.origin,
			'/t/genai/members',
			{ intent: 'role', userId: userId('writer2@demo.test'), role: 'observer' },
			cochair,
		),
	)
	expect(run.status).toBe(200)
	expect(writer.access()).toBe('read')
	expectNothingStoredAfter(community, 'role', run)
	writer.destroy()
})

test('advancing the phase makes the members who lose write access suggesters at once; their plain edits are not stored', async () => {
	const member = await connected('outsider@demo.test', procurement)
	const cochair = await signIn(server.origin, 'cochair@demo.test')
	const run = await writeThrough(member, 'advance', () =>
		postForm(
			server.origin,
			'/t/genai/settings/phases',
			{ intent: 'advance', from: 'writing', reason: 'Moving on to test immediate downgrades.' },
			cochair,
		),
	)
	expect(run.status).toBe(200)
	expect(member.access()).toBe('suggest')
	expectNothingStoredAfter(procurement, 'advance', run)
	member.destroy()
})

test('removing a member closes their socket at once; nothing sent after the removal is stored', async () => {
	const lead = await connected('lead@demo.test', community)
	const cochair = await signIn(server.origin, 'cochair@demo.test')
	const run = await writeThrough(lead, 'removal', () =>
		postForm(
			server.origin,
			'/t/genai/members',
			{ intent: 'remove', userId: userId('lead@demo.test') },
			cochair,
		),
	)
	expect(run.status).toBe(200)
	expect(lead.closes.map((close) => close.code)).toContain(CLOSE_CODES.ACCESS_CHANGED)
	expectNothingStoredAfter(community, 'removal', run)
	lead.destroy()
})

test('disabling an account closes its sockets at once', async () => {
	const cochair = await connected('cochair@demo.test', community)
	const admin = await signIn(server.origin, 'admin@demo.test')
	const run = await writeThrough(cochair, 'disable', () =>
		postForm(server.origin, '/admin', { intent: 'disable', userId: userId('cochair@demo.test') }, admin),
	)
	expect(run.status).toBe(200)
	await eventually(
		() => cochair.closes.some((close) => close.code === CLOSE_CODES.SIGNED_OUT),
		'the socket closes with 4401',
	)
	expectNothingStoredAfter(community, 'disable', run)
	cochair.destroy()
})
