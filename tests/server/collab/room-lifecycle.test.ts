import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, expect, test, vi } from 'vitest'
import { LIMITS } from '#server/collab/limits.server.ts'
import type { Room } from '#server/collab/room.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { type Harness, openRaw, RecordingStore, startCollab } from './collab-harness.ts'

// A room's life in the collaboration server: loaded for its first socket, shared by the next ones,
// unloaded `LIMITS.unloadAfterMs` after its last socket left (its text written back), loaded again
// from what was stored. Real sockets over a real SQLite file; only the unload timer's clock is fake
// (`setTimeout`), so waiting for sockets polls turn by turn instead.

afterEach(() => {
	vi.useRealTimers()
})

/** Waits, turn by turn (the fake clock leaves `setImmediate` alone), until `check` passes. */
async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5_000
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
		await nextTurn()
	}
}

async function start() {
	let store: RecordingStore | undefined
	const harness = await startCollab({
		storeFor: (db) => {
			store = new RecordingStore(db)
			return store
		},
	})
	if (!store) throw new Error('no store')
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
	const { cookie } = harness.signIn('co_chair')
	return { ...harness, store, cookie }
}

/** Opens a socket on the section and waits until the server counts it in the room. */
async function join(harness: Harness, cookie: string) {
	const client = await openRaw(harness.origin, harness.section.id, cookie)
	expect(client.status).toBe(101)
	await until(() => harness.collab.rooms.get(harness.section.id)?.conns.size !== undefined, 'the room')
	return client
}

/** Closes a socket and waits until the server has let it go. */
async function leave(room: Room, client: { ws: { close: () => void } }, left: number) {
	client.ws.close()
	await until(() => room.conns.size === left, 'the socket has left the room')
}

function loadedRoom(harness: Harness): Room {
	const room = harness.collab.rooms.get(harness.section.id)
	if (!room) throw new Error('the section is not loaded')
	return room
}

async function documentsGauge(harness: Harness): Promise<number> {
	return (await harness.metrics.documents.get()).values[0]?.value ?? -1
}

function text(room: Room): string {
	return room.doc.getXmlFragment(FRAGMENT_NAME).toString()
}

test('the first socket loads the section from what is stored; the next ones share that room', async () => {
	const harness = await start()
	harness.storeLargeText(1)
	expect(harness.collab.rooms.size).toBe(0)

	await join(harness, harness.cookie)
	const room = loadedRoom(harness)
	expect(text(room)).toContain('A public register lists every system')
	expect(await documentsGauge(harness)).toBe(1)

	await join(harness, harness.sessionFor(harness.outline.user.id).cookie)
	await until(() => room.conns.size === 2, 'the second socket in the room')
	expect(loadedRoom(harness)).toBe(room)
	expect(await documentsGauge(harness)).toBe(1)
})

test('a room unloads `unloadAfterMs` after its last socket leaves, not before, and writes its text back', async () => {
	const harness = await start()
	const first = await join(harness, harness.cookie)
	const second = await join(harness, harness.sessionFor(harness.outline.user.id).cookie)
	const room = loadedRoom(harness)
	await until(() => room.conns.size === 2, 'both sockets in the room')
	const origin = { userId: harness.outline.user.id }
	expect(harness.collab.applyServerUpdate(harness.section.id, harness.paragraphUpdate('Kept.'), origin)).toBe(
		true,
	)
	await nextTurn()
	expect(harness.store.log).toEqual(['commit 1'])

	// One socket leaving is not the last: nothing is due.
	await leave(room, first, 1)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs)
	expect(loadedRoom(harness)).toBe(room)

	await leave(room, second, 0)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs - 1)
	expect(loadedRoom(harness)).toBe(room)
	expect(room.closed).toBe(false)

	vi.advanceTimersByTime(1)
	expect(harness.collab.rooms.has(harness.section.id)).toBe(false)
	expect(room.closed).toBe(true)
	expect(await documentsGauge(harness)).toBe(0)
	// The word count and last edit are written, and the log folded into a snapshot.
	await until(() => harness.store.log.includes('compact 1'), 'the log is compacted')
	expect(harness.store.log).toEqual(['commit 1', 'derived 1', 'compact 1'])
})

test('a socket that comes back while the room waits keeps it; the wait starts again when it leaves', async () => {
	const harness = await start()
	const first = await join(harness, harness.cookie)
	const room = loadedRoom(harness)
	await leave(room, first, 0)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs - 10)

	const back = await join(harness, harness.cookie)
	await until(() => room.conns.size === 1, 'the socket is back')
	vi.advanceTimersByTime(5)
	await leave(room, back, 0)
	// The first wait would have ended here: the room stays, its new wait counts from the leaving.
	vi.advanceTimersByTime(LIMITS.unloadAfterMs - 1)
	expect(loadedRoom(harness)).toBe(room)
	expect(room.closed).toBe(false)
	vi.advanceTimersByTime(1)
	expect(harness.collab.rooms.has(harness.section.id)).toBe(false)
})

test('an unloaded section loads again, as a new room, with what was stored', async () => {
	const harness = await start()
	const client = await join(harness, harness.cookie)
	const room = loadedRoom(harness)
	const origin = { userId: harness.outline.user.id }
	harness.collab.applyServerUpdate(
		harness.section.id,
		harness.paragraphUpdate('Stored before unloading.'),
		origin,
	)
	await nextTurn()
	await leave(room, client, 0)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs)
	expect(harness.collab.rooms.has(harness.section.id)).toBe(false)

	await join(harness, harness.cookie)
	const again = loadedRoom(harness)
	expect(again).not.toBe(room)
	expect(again.closed).toBe(false)
	expect(text(again)).toContain('Stored before unloading.')
	expect(await documentsGauge(harness)).toBe(1)
})

test('a section that fails to load closes the socket with 4500 and leaves no room; the next try loads it', async () => {
	const harness = await start()
	harness.store.failLoads = 1

	const refused = await openRaw(harness.origin, harness.section.id, harness.cookie)
	expect((await refused.closed).code).toBe(CLOSE_CODES.LOAD_FAILED)
	expect(harness.store.log).toEqual(['load failed'])
	expect(harness.collab.rooms.size).toBe(0)
	expect(await documentsGauge(harness)).not.toBe(1)

	await join(harness, harness.cookie)
	expect(loadedRoom(harness).closed).toBe(false)
	expect(await documentsGauge(harness)).toBe(1)
})

test('stopping the server tells sockets to come back (1012), drops its rooms and schedules no unload', async () => {
	const harness = await start()
	const client = await join(harness, harness.cookie)
	const room = loadedRoom(harness)

	harness.collab.shutdown()
	expect((await client.closed).code).toBe(CLOSE_CODES.RESTARTING)
	expect(harness.collab.rooms.size).toBe(0)
	expect(room.closed).toBe(true)
	// The sockets' close events come after: they must not set an unload on the room that is gone.
	await until(() => room.conns.size === 0, 'the socket has left the room')
	expect(room.unloadTimer).toBeNull()
})
