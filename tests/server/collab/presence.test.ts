import { and, eq } from 'drizzle-orm'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { expect, test } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { memberships } from '#db/schema/index.ts'
import { caretColor } from '#shared/collab/caret-color.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { MESSAGE_AWARENESS } from '#shared/collab/messages.ts'
import { eventually, openRaw, type RawClient, startCollab } from './collab-harness.ts'

// Presence (y-protocols awareness) over real sockets to a real collaboration server: every state
// others see carries the person the server signed in, and no connection can speak for, take over
// or remove another's.

/** `[awareness][update of one entry]`, as a y-websocket client announces itself. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
	const update = encoding.createEncoder()
	encoding.writeVarUint(update, 1)
	encoding.writeVarUint(update, clientId)
	encoding.writeVarUint(update, clock)
	encoding.writeVarString(update, JSON.stringify(state))
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
	return encoding.toUint8Array(message)
}

type Seen = { clientId: number; state: Record<string, unknown> | null }

/** Every awareness entry a client has received, in order (null state = removed). */
function seenBy(client: RawClient): Seen[] {
	const seen: Seen[] = []
	for (const message of client.messages) {
		const decoder = decoding.createDecoder(message)
		if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) continue
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
		const count = decoding.readVarUint(update)
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(update)
			decoding.readVarUint(update) // clock
			seen.push({ clientId, state: JSON.parse(decoding.readVarString(update)) })
		}
	}
	return seen
}

/** The last state a client has received for `clientId` (undefined: never heard of it). */
function lastSeen(client: RawClient, clientId: number): Seen['state'] | undefined {
	return seenBy(client)
		.filter((entry) => entry.clientId === clientId)
		.at(-1)?.state
}

/** What a y-protocols client shows after applying every awareness message it received (clocks honoured). */
function shownBy(client: RawClient): Map<number, Record<string, unknown>> {
	const doc = new Y.Doc()
	const awareness = new awarenessProtocol.Awareness(doc)
	awareness.setLocalState(null)
	for (const message of client.messages) {
		const decoder = decoding.createDecoder(message)
		if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) continue
		awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server')
	}
	const shown = new Map(awareness.getStates() as Map<number, Record<string, unknown>>)
	awareness.destroy()
	doc.destroy()
	return shown
}

/** A field of the person a state shows (undefined: none, or a removal). */
function userField(state: Seen['state'] | undefined, field: 'name' | 'role'): unknown {
	const user = state?.user
	return user && typeof user === 'object' ? (user as Record<string, unknown>)[field] : undefined
}

/** The name on the last state a client received for `clientId`. */
function nameSeen(client: RawClient, clientId: number): unknown {
	return userField(lastSeen(client, clientId), 'name')
}

/** How the server closed `client`; fails after a few seconds if it did not. */
function closeOf(client: RawClient): Promise<{ code: number; reason: string }> {
	return Promise.race([
		client.closed,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error('the server did not close the socket')), 3_000),
		),
	])
}

const cursor = { anchor: { type: null, tname: 'default', item: { client: 7, clock: 3 }, assoc: 0 } }

/**
 * Waits until `watcher` has received `marker`'s newest state: whatever the server forwarded before
 * it (from a socket whose close we already awaited) has arrived too.
 */
async function drain(watcher: RawClient, marker: RawClient, markerId: number, clock: number) {
	marker.ws.send(awarenessFrame(markerId, clock, { cursor: null, marker: clock }))
	await eventually(() => lastSeen(watcher, markerId)?.marker === clock, 'the marker arrives')
}

test('what others see carries the name, colour and role of the signed-in person, whatever was sent', async () => {
	const { origin, section, signIn } = await startCollab()
	const observer = signIn('observer', { name: 'Olivia Grant' })
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const client = await openRaw(origin, section.id, observer.cookie)

	client.ws.send(
		awarenessFrame(1001, 1, {
			user: { id: 'someone-else', name: 'Co-Chair', color: '#000000', role: 'co_chair' },
			cursor,
		}),
	)
	await eventually(() => lastSeen(watcher, 1001) !== undefined, 'the watcher hears of the observer')
	const expected = {
		user: {
			id: observer.user.id,
			name: 'Olivia Grant',
			organization: null,
			color: caretColor(observer.user.id),
			role: 'observer',
		},
		cursor,
	}
	expect(lastSeen(watcher, 1001)).toEqual(expected)
	// Someone arriving later is told the same (the room keeps the bound state).
	const later = await openRaw(origin, section.id, signIn('member').cookie)
	await eventually(() => lastSeen(later, 1001) !== undefined, 'the newcomer hears of the observer')
	expect(lastSeen(later, 1001)).toEqual(expected)
	// A state without any user gets one too, and the observer stays connected: read-only people
	// are present.
	client.ws.send(awarenessFrame(1001, 2, { cursor: null }))
	await eventually(() => lastSeen(watcher, 1001)?.cursor === null, 'the update arrives')
	expect(lastSeen(watcher, 1001)?.user).toEqual(expected.user)
	expect(client.ws.readyState).toBe(client.ws.OPEN)
})

test('a state that is not presence (too large, or not an object) closes the socket with 4400', async () => {
	const { origin, section, signIn } = await startCollab()
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const padded = await openRaw(origin, section.id, signIn('member').cookie)
	padded.ws.send(awarenessFrame(1101, 1, { cursor, notes: 'x'.repeat(8_000) }))
	expect((await closeOf(padded)).code).toBe(CLOSE_CODES.MALFORMED)
	const scalar = await openRaw(origin, section.id, signIn('member').cookie)
	scalar.ws.send(awarenessFrame(1102, 1, 'I am the co-chair'))
	expect((await closeOf(scalar)).code).toBe(CLOSE_CODES.MALFORMED)
	const marker = await openRaw(origin, section.id, signIn('member').cookie)
	await drain(watcher, marker, 1103, 1)
	expect(lastSeen(watcher, 1101)).toBeUndefined()
	expect(lastSeen(watcher, 1102)).toBeUndefined()
})

test("another person's client id is refused with 4400, and its state is untouched", async () => {
	const { origin, section, signIn } = await startCollab()
	const writer = signIn('member', { name: 'Sam Rivera' })
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const writerSocket = await openRaw(origin, section.id, writer.cookie)
	writerSocket.ws.send(awarenessFrame(2001, 1, { cursor }))
	await eventually(() => lastSeen(watcher, 2001) !== undefined, 'the writer is present')

	// As its first message (the way a connection introduces its id)…
	const first = await openRaw(origin, section.id, signIn('observer').cookie)
	first.ws.send(awarenessFrame(2001, 5, { user: { name: 'Sam Rivera' }, cursor: null }))
	expect(await closeOf(first)).toEqual({
		code: CLOSE_CODES.MALFORMED,
		reason: 'awareness client id held by another connection',
	})
	// …or after introducing an id of its own.
	const second = await openRaw(origin, section.id, signIn('observer').cookie)
	second.ws.send(awarenessFrame(2002, 1, { cursor: null }))
	second.ws.send(awarenessFrame(2001, 9, { cursor: null }))
	expect((await closeOf(second)).code).toBe(CLOSE_CODES.MALFORMED)

	await drain(watcher, writerSocket, 2001, 20)
	// Every state the watcher heard for the writer's id is the writer's: no spoof, no removal.
	const names = seenBy(watcher)
		.filter((entry) => entry.clientId === 2001)
		.map((entry) => userField(entry.state, 'name'))
	expect(new Set(names)).toEqual(new Set(['Sam Rivera']))
	// Their closes took nothing away: the writer is still present for someone new.
	const later = await openRaw(origin, section.id, signIn('member').cookie)
	await eventually(() => lastSeen(later, 2001) !== undefined, 'the newcomer hears of the writer')
	expect(nameSeen(later, 2001)).toBe('Sam Rivera')
})

test("removing another connection's state (awareness null for its id) is refused", async () => {
	const { origin, section, signIn } = await startCollab()
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const writerSocket = await openRaw(origin, section.id, signIn('member').cookie)
	writerSocket.ws.send(awarenessFrame(3001, 1, { cursor }))
	await eventually(() => lastSeen(watcher, 3001) !== undefined, 'the writer is present')

	const attacker = await openRaw(origin, section.id, signIn('observer').cookie)
	attacker.ws.send(awarenessFrame(3001, 2, null))
	expect((await closeOf(attacker)).code).toBe(CLOSE_CODES.MALFORMED)

	await drain(watcher, writerSocket, 3001, 3)
	expect(seenBy(watcher).some((entry) => entry.clientId === 3001 && entry.state === null)).toBe(false)
})

test('a peer that echoes a removal it heard before the leaver’s socket closed stays connected', async () => {
	// Stock y-websocket clients send back every awareness change they hear, removals included; a
	// leaver's own removal reaches them before its socket's close reaches the server.
	const { origin, section, signIn } = await startCollab()
	const leaver = await openRaw(origin, section.id, signIn('member').cookie)
	const peer = await openRaw(origin, section.id, signIn('member').cookie)
	leaver.ws.send(awarenessFrame(5001, 1, { cursor }))
	peer.ws.send(awarenessFrame(5002, 1, { cursor }))
	await eventually(() => lastSeen(peer, 5001) !== undefined, 'the leaver is present')
	leaver.ws.send(awarenessFrame(5001, 2, null))
	await eventually(() => lastSeen(peer, 5001) === null, 'the removal arrives')
	peer.ws.send(awarenessFrame(5001, 2, null))
	await drain(leaver, peer, 5002, 2)
	expect(peer.ws.readyState).toBe(peer.ws.OPEN)
})

test('a connection that closes takes away only the states it owned, and others hear of it', async () => {
	const { origin, section, signIn } = await startCollab()
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const a = await openRaw(origin, section.id, signIn('member').cookie)
	const b = await openRaw(origin, section.id, signIn('member').cookie)
	a.ws.send(awarenessFrame(4001, 1, { cursor }))
	b.ws.send(awarenessFrame(4002, 1, { cursor }))
	await eventually(
		() => lastSeen(watcher, 4001) !== undefined && lastSeen(watcher, 4002) !== undefined,
		'both are present',
	)
	// b (another person) tries to speak for a as well, is refused, and its close takes only its own.
	b.ws.send(awarenessFrame(4001, 7, { cursor: null }))
	expect((await closeOf(b)).code).toBe(CLOSE_CODES.MALFORMED)
	await eventually(() => lastSeen(watcher, 4002) === null, "b's presence is removed")
	await drain(watcher, a, 4001, 2)
	expect(seenBy(watcher).some((entry) => entry.clientId === 4001 && entry.state === null)).toBe(false)

	a.ws.close()
	await a.closed
	await eventually(() => lastSeen(watcher, 4001) === null, "a's presence is removed when a leaves")
})

test("the same person's newer connection (a reload) takes over the id; the older one's close leaves it", async () => {
	const { origin, section, signIn, sessionFor } = await startCollab()
	const writer = signIn('member', { name: 'Sam Rivera' })
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const before = await openRaw(origin, section.id, writer.cookie)
	before.ws.send(awarenessFrame(5001, 1, { cursor }))
	await eventually(() => lastSeen(watcher, 5001) !== undefined, 'the writer is present')

	// A reconnect announces the same id and clock (y-websocket keeps its awareness across sockets),
	// here from another of the person's browsers.
	const after = await openRaw(origin, section.id, sessionFor(writer.user.id).cookie)
	after.ws.send(awarenessFrame(5001, 1, { cursor }))
	before.ws.close()
	await before.closed
	await drain(watcher, after, 5001, 2)
	expect(after.ws.readyState).toBe(after.ws.OPEN)
	expect(seenBy(watcher).some((entry) => entry.clientId === 5001 && entry.state === null)).toBe(false)
	expect(nameSeen(watcher, 5001)).toBe('Sam Rivera')

	after.ws.close()
	await after.closed
	await eventually(() => lastSeen(watcher, 5001) === null, 'removed when the newer one leaves')
})

test('a reconnect that announces its old id and clock after its old socket closed is shown again at once', async () => {
	const { origin, section, signIn } = await startCollab()
	const writer = signIn('member')
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const before = await openRaw(origin, section.id, writer.cookie)
	before.ws.send(awarenessFrame(6001, 4, { cursor }))
	await eventually(() => lastSeen(watcher, 6001) !== undefined, 'the writer is present')
	before.ws.close()
	await eventually(() => lastSeen(watcher, 6001) === null, 'the writer is gone')

	const after = await openRaw(origin, section.id, writer.cookie)
	after.ws.send(awarenessFrame(6001, 4, { cursor }))
	await eventually(() => shownBy(watcher).has(6001), 'the writer is shown again')
})

test('the role shown follows a role change, from the next presence message on', async () => {
	const { origin, section, signIn, db, collab, outline } = await startCollab()
	const observer = signIn('observer')
	const watcher = await openRaw(origin, section.id, signIn('member').cookie)
	const client = await openRaw(origin, section.id, observer.cookie)
	client.ws.send(awarenessFrame(7001, 1, { cursor: null }))
	await eventually(() => lastSeen(watcher, 7001) !== undefined, 'the observer is present')
	expect(userField(lastSeen(watcher, 7001), 'role')).toBe('observer')

	db.update(memberships)
		.set({ role: 'co_chair' })
		.where(and(eq(memberships.taskForceId, outline.taskForce.id), eq(memberships.userId, observer.user.id)))
		.run()
	collab.accessChanged({ userId: observer.user.id })
	client.ws.send(awarenessFrame(7001, 2, { cursor }))
	await eventually(() => lastSeen(watcher, 7001)?.cursor !== null, 'the next state arrives')
	expect(userField(lastSeen(watcher, 7001), 'role')).toBe('co_chair')
})
