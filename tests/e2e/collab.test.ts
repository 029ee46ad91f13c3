import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { connectCollab, eventually, sectionIdByTitle, storedText, upgradeStatus } from './collab-client.ts'
import { signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

const ENGAGEMENT = 'Community engagement and transparency'

let server: RunningServer
let sectionId: string
const cookies: Record<string, string> = {}

beforeAll(async () => {
	server = await startServer()
	sectionId = sectionIdByTitle(server.dataDir, ENGAGEMENT)
	for (const who of ['cochair', 'writer', 'writer2', 'observer', 'outsider', 'admin']) {
		cookies[who] = await signIn(server.origin, `${who}@demo.test`)
	}
})

afterAll(async () => {
	await server?.stop()
})

describe('live co-writing', () => {
	test('two writers converge, and the text is stored', async () => {
		const a = connectCollab(server.origin, sectionId, cookies.writer)
		const b = connectCollab(server.origin, sectionId, cookies.writer2)
		await Promise.all([a.synced, b.synced])
		expect(a.text()).toContain('Start with residents')
		expect(a.access()).toBe('write')
		a.append('From writer one.')
		b.append('From writer two.')
		await eventually(
			() =>
				a.text() === b.text() &&
				a.text().includes('From writer two.') &&
				b.text().includes('From writer one.'),
			'convergence',
		)
		await eventually(
			() => storedText(server.dataDir, sectionId) === a.text(),
			'stored text equals the live text',
		)
		a.destroy()
		b.destroy()
	})

	test('an observer and a member of another subcommittee read live, but their edits reach no one', async () => {
		const writer = connectCollab(server.origin, sectionId, cookies.writer)
		const observer = connectCollab(server.origin, sectionId, cookies.observer)
		const outsider = connectCollab(server.origin, sectionId, cookies.outsider)
		await Promise.all([writer.synced, observer.synced, outsider.synced])
		expect(observer.access()).toBe('read')
		expect(outsider.access()).toBe('read')
		writer.append('Everyone can read this.')
		await eventually(() => observer.text().includes('Everyone can read this.'), 'observer sees the writer')
		await eventually(() => outsider.text().includes('Everyone can read this.'), 'outsider sees the writer')
		observer.append('OBSERVER SHOULD NOT LAND')
		outsider.append('OUTSIDER SHOULD NOT LAND')
		await new Promise((resolve) => setTimeout(resolve, 400))
		expect(writer.text()).not.toContain('SHOULD NOT LAND')
		expect(storedText(server.dataDir, sectionId)).not.toContain('SHOULD NOT LAND')
		const fresh = connectCollab(server.origin, sectionId, cookies.writer2)
		await fresh.synced
		expect(fresh.text()).not.toContain('SHOULD NOT LAND')
		for (const client of [writer, observer, outsider, fresh]) client.destroy()
	})
})

test('a section larger than the send-buffer bound still opens for the next person, whole', async () => {
	// The first sync of a big section is one message past the 8 MB bound on a socket's queue; it
	// used to close the reader with 4408 ("could not keep up"), and the editor retried forever.
	const big = sectionIdByTitle(server.dataDir, 'Appendices and resources')
	const writer = connectCollab(server.origin, big, cookies.cochair)
	await writer.synced
	const line = 'A long appendix of municipal AI use registers, procurement clauses and audit notes. '
	for (let i = 0; i < 12; i++) writer.append(line.repeat(9_000)) // ~9.7 MB in all
	await eventually(() => storedText(server.dataDir, big).length > 9_000_000, 'the big text is stored', 20_000)
	const reader = connectCollab(server.origin, big, cookies.writer)
	await reader.synced
	expect(reader.text().length).toBe(writer.text().length)
	expect(reader.closes).toEqual([])
	writer.destroy()
	reader.destroy()
}, 60_000)

test('a reader that stops reading is closed with 4408 once 8 MB pile up behind it; the writer goes on', async () => {
	const section = sectionIdByTitle(server.dataDir, 'Measurement framework')
	const reader = new WebSocket(`${server.origin.replace('http', 'ws')}/collab/${section}`, {
		headers: { Origin: server.origin, Cookie: cookies.observer as string },
	})
	const closed = new Promise<number>((resolve) => reader.on('close', (code) => resolve(code)))
	await new Promise((resolve) => reader.once('open', resolve))
	reader.pause() // reads nothing more; what the server sends piles up in kernel buffers, then ours
	const writer = connectCollab(server.origin, section, cookies.cochair)
	await writer.synced
	const line = 'Indicators: accuracy, equity of outcomes, resident satisfaction, staff time and cost. '
	for (let i = 0; i < 20; i++) writer.append(line.repeat(9_000)) // ~16 MB in all
	await eventually(
		() => storedText(server.dataDir, section).length > 15_000_000,
		'the text is stored',
		30_000,
	)
	reader.resume()
	expect(await closed).toBe(CLOSE_CODES.TOO_SLOW)
	expect(writer.closes).toEqual([])
	writer.destroy()
}, 60_000)

test('presence: stock clients echo each other’s states, and nobody is cut off for it', async () => {
	const a = connectCollab(server.origin, sectionId, cookies.writer)
	const b = connectCollab(server.origin, sectionId, cookies.observer)
	a.provider.awareness.setLocalState({ user: { name: 'Sam Rivera' } })
	b.provider.awareness.setLocalState({ user: { name: 'Olivia Grant' } })
	await Promise.all([a.synced, b.synced])
	const names = (client: typeof a) =>
		[...client.provider.awareness.getStates().values()].map(
			(state) => (state as { user?: { name?: string } }).user?.name,
		)
	await eventually(
		() => names(a).includes('Olivia Grant') && names(b).includes('Sam Rivera'),
		'each sees the other',
	)
	await new Promise((resolve) => setTimeout(resolve, 300))
	expect(a.closes).toEqual([])
	expect(b.closes).toEqual([])
	a.destroy()
	b.destroy()
})

describe('upgrades are authorised before the socket exists', () => {
	test('anonymous 401, another origin 403, a non-member or unknown section 404', async () => {
		const path = `/collab/${sectionId}`
		expect(await upgradeStatus(server.origin, path, { Origin: server.origin })).toBe(401)
		expect(
			await upgradeStatus(server.origin, path, {
				Origin: 'https://evil.example',
				Cookie: cookies.writer ?? '',
			}),
		).toBe(403)
		expect(
			await upgradeStatus(server.origin, path, { Origin: server.origin, Cookie: cookies.admin ?? '' }),
		).toBe(404)
		expect(
			await upgradeStatus(server.origin, '/collab/nosuchsection', {
				Origin: server.origin,
				Cookie: cookies.writer ?? '',
			}),
		).toBe(404)
		expect(
			await upgradeStatus(server.origin, path, { Origin: server.origin, Cookie: cookies.writer ?? '' }),
		).toBe(101)
	})
})

describe('hostile input', () => {
	function rawSocket(): Promise<WebSocket> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/collab/${sectionId}`, {
				headers: { Origin: server.origin, Cookie: cookies.writer ?? '' },
			})
			socket.on('open', () => resolve(socket))
			socket.on('error', reject)
		})
	}
	function closeCode(socket: WebSocket): Promise<number> {
		return new Promise((resolve) => socket.on('close', (code) => resolve(code)))
	}

	test.each([
		['an unknown message type', Uint8Array.of(42, 1, 2, 3)],
		['a truncated sync message', Uint8Array.of(0, 2, 200)],
		['garbage as an update', Uint8Array.of(0, 2, 5, 1, 2, 3, 4, 5)],
		['an empty update', Uint8Array.of(0, 2, 0)],
		['a huge varint', Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)],
		['trailing bytes after a state vector', Uint8Array.of(0, 0, 1, 0, 9, 9)],
		['awareness for a crafted payload', Uint8Array.of(1, 3, 200, 1, 1)],
	])('%s closes only that connection, with 4400', async (_name, frame) => {
		const bystander = connectCollab(server.origin, sectionId, cookies.writer2)
		await bystander.synced
		const socket = await rawSocket()
		const closed = closeCode(socket)
		socket.send(frame)
		expect(await closed).toBe(CLOSE_CODES.MALFORMED)
		bystander.append(`still working after ${_name}`)
		const check = connectCollab(server.origin, sectionId, cookies.writer)
		await check.synced
		await eventually(() => check.text().includes(`still working after ${_name}`), 'the bystander still edits')
		bystander.destroy()
		check.destroy()
	})

	test('a frame over the size limit closes that connection and the server stays up', async () => {
		const socket = await rawSocket()
		const closed = closeCode(socket)
		socket.send(new Uint8Array(25 * 1024 * 1024))
		expect([1009, CLOSE_CODES.TOO_LARGE]).toContain(await closed)
		expect((await fetch(`${server.origin}/healthz`)).status).toBe(200)
	})
})
