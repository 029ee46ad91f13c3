import { and, eq } from 'drizzle-orm'
import * as decoding from 'lib0/decoding'
import { expect, test } from 'vitest'
import { memberships, sessions } from '#db/schema/index.ts'
import type { Connection } from '#server/collab/connection.server.ts'
import { LIMITS } from '#server/collab/limits.server.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { MESSAGE_ACCESS } from '#shared/collab/messages.ts'
import { eventually, type Harness, openRaw, type RawClient, startCollab } from './collab-harness.ts'

// The access re-check of open sockets: a change reported by the app is re-decided at once for the
// sockets in its scope; the periodic round catches what nobody reported. Real sockets, a real
// SQLite file, access changed in the database as the app's operations change it.

/** The access messages a client got, as `access/reason`, in order. */
function accessMessages(client: RawClient): string[] {
	return client.messages.flatMap((message) => {
		const decoder = decoding.createDecoder(message)
		if (decoding.readVarUint(decoder) !== MESSAGE_ACCESS) return []
		return [`${decoding.readVarString(decoder)}/${decoding.readVarString(decoder)}`]
	})
}

/** A co-chair with a socket open on the section, writing. */
async function writer(harness: Harness) {
	const person = harness.signIn('co_chair')
	const client = await openRaw(harness.origin, harness.section.id, person.cookie)
	expect(client.status).toBe(101)
	await eventually(() => accessMessages(client).length === 1, 'the first access message')
	expect(accessMessages(client)).toEqual(['write/'])
	return { ...person, client }
}

/** The server's side of `userId`'s socket on the section. */
function connectionOf(harness: Harness, userId: string): Connection {
	const conn = [...(harness.collab.rooms.get(harness.section.id)?.conns ?? [])].find(
		(candidate) => candidate.info.userId === userId,
	)
	if (!conn) throw new Error(`no socket of ${userId}`)
	return conn
}

function setRole(harness: Harness, userId: string, role: 'observer' | 'co_chair') {
	harness.db
		.update(memberships)
		.set({ role })
		.where(and(eq(memberships.taskForceId, harness.outline.taskForce.id), eq(memberships.userId, userId)))
		.run()
}

async function openByAccess(harness: Harness): Promise<Record<string, number>> {
	const values = (await harness.metrics.connections.get()).values
	return Object.fromEntries(values.map((entry) => [String(entry.labels.access), entry.value]))
}

test('a reported change is re-decided at once, with facts read now, for the sockets in its scope only', async () => {
	const harness = await startCollab()
	const ada = await writer(harness)
	const ben = await writer(harness)
	// A re-decision before the change: what it found must not stand in for what comes after.
	harness.collab.accessChanged({ sectionId: harness.section.id })

	setRole(harness, ada.user.id, 'observer')
	// Ben's change is not Ada's: her socket is left as it is.
	harness.collab.accessChanged({ userId: ben.user.id })
	expect(connectionOf(harness, ada.user.id).access).toBe('write')

	harness.collab.accessChanged({ userId: ada.user.id })
	const conn = connectionOf(harness, ada.user.id)
	expect(conn.access).toBe('read')
	expect(conn.info.readOnlyReason).toBe('observer')
	// The role shown in presence follows.
	expect(conn.info.person.role).toBe('observer')
	expect(connectionOf(harness, ben.user.id).access).toBe('write')
	expect(await openByAccess(harness)).toMatchObject({ read: 1, write: 1 })
	await eventually(() => accessMessages(ada.client).length === 2, 'Ada is told she now reads')
	expect(accessMessages(ada.client)).toEqual(['write/', 'read/observer'])
	expect(accessMessages(ben.client)).toEqual(['write/'])
})

test('a removal closes the person’s socket with 4403, and a session signed out closes with 4401', async () => {
	const harness = await startCollab()
	const ada = await writer(harness)
	const ben = await writer(harness)

	harness.db
		.delete(memberships)
		.where(
			and(eq(memberships.taskForceId, harness.outline.taskForce.id), eq(memberships.userId, ada.user.id)),
		)
		.run()
	harness.collab.accessChanged({ taskForceId: harness.outline.taskForce.id })
	expect((await ada.client.closed).code).toBe(CLOSE_CODES.ACCESS_CHANGED)
	expect(connectionOf(harness, ben.user.id).access).toBe('write')

	harness.db.delete(sessions).where(eq(sessions.id, ben.session.id)).run()
	harness.collab.accessChanged({ userId: ben.user.id })
	expect((await ben.client.closed).code).toBe(CLOSE_CODES.SIGNED_OUT)
})

test('a change nobody reported is caught by the periodic re-check within `accessRecheckMs`', async () => {
	const harness = await startCollab()
	const ada = await writer(harness)
	const ben = await writer(harness)

	setRole(harness, ada.user.id, 'observer')
	harness.db.delete(sessions).where(eq(sessions.id, ben.session.id)).run()

	const benClosed = await ben.client.closed
	expect(benClosed.code).toBe(CLOSE_CODES.SIGNED_OUT)
	await eventually(
		() => accessMessages(ada.client).includes('read/observer'),
		'Ada is told she now reads',
		LIMITS.accessRecheckMs * 2,
	)
	expect(connectionOf(harness, ada.user.id).access).toBe('read')
})
