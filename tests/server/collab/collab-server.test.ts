import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, expect, test, vi } from 'vitest'
import { LIMITS } from '#server/collab/limits.server.ts'
import type { CollabMetrics } from '#server/collab/metrics.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { connectCollab } from '../../e2e/collab-client.ts'
import { closeAfterTest, eventually, RecordingStore, startCollab } from './collab-harness.ts'

afterEach(() => {
	vi.useRealTimers()
})

async function openConnections(metrics: CollabMetrics): Promise<number> {
	return (await metrics.connections.get()).values.reduce((sum, entry) => sum + entry.value, 0)
}

test('a failed commit reloads the room: nothing is sent, the clients reconnect and resend, and the gauge follows', async () => {
	let store: RecordingStore | undefined
	const { origin, section, signIn, metrics, collab } = await startCollab({
		storeFor: (db) => {
			store = new RecordingStore(db)
			return store
		},
	})
	const writer = connectCollab(origin, section.id, signIn('co_chair').cookie)
	const peer = connectCollab(origin, section.id, signIn('co_chair').cookie)
	closeAfterTest(() => writer.destroy())
	closeAfterTest(() => peer.destroy())
	await Promise.all([writer.synced, peer.synced])
	expect(await openConnections(metrics)).toBe(2)

	if (!store) throw new Error('no store')
	store.failCommits = 1
	writer.append('Written while the disk was full.')

	await eventually(
		() => writer.closes.some((close) => close.code === CLOSE_CODES.LOAD_FAILED),
		'the room is dropped and its sockets closed',
	)
	expect(store.log[0]).toBe('commit failed')
	// The peer never saw the update that was not stored…
	expect(peer.closes.map((close) => close.code)).toEqual([CLOSE_CODES.LOAD_FAILED])
	// …and gets it once the writer has reconnected and sent it again, this time stored.
	await eventually(
		() => peer.text().includes('Written while the disk was full.'),
		'the edit arrives after resending',
	)
	expect(collab.store.load(section.id).doc.getXmlFragment(FRAGMENT_NAME).toString()).toContain(
		'Written while the disk was full.',
	)
	await eventually(() => (collab.rooms.get(section.id)?.conns.size ?? 0) === 2, 'both are back')
	expect(await openConnections(metrics)).toBe(2)
})

test('when the commit inside an unload fails, the room is dropped once and nothing more is written for it', async () => {
	let store: RecordingStore | undefined
	const { section, collab, metrics, outline, paragraphUpdate } = await startCollab({
		storeFor: (db) => {
			store = new RecordingStore(db)
			return store
		},
	})
	if (!store) throw new Error('no store')
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
	const origin = { userId: outline.user.id }
	const edit = paragraphUpdate
	// A server-made change to a section nobody has open: stored, and the room unloads later.
	expect(collab.applyServerUpdate(section.id, edit('Restored text.'), origin)).toBe(true)
	await nextTurn()
	expect(store.log).toEqual(['commit 1'])

	// Another change is still uncommitted when the unload comes, and its commit fails.
	store.failCommits = 1
	collab.applyServerUpdate(section.id, edit('Never stored.'), origin)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs)

	expect(store.log).toEqual(['commit 1', 'commit failed'])
	expect(collab.rooms.has(section.id)).toBe(false)
	expect((await metrics.documents.get()).values[0]?.value).toBe(0)
	await nextTurn()
	expect(store.log).toEqual(['commit 1', 'commit failed'])
})
