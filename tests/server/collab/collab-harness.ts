import http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { docSnapshots } from '#db/schema/index.ts'
import { createSession, generateSessionToken } from '#server/auth/session.server.ts'
import { createCollabUpgrade } from '#server/collab/admission.server.ts'
import { CollabServer } from '#server/collab/collab-server.server.ts'
import { createCollabMetrics } from '#server/collab/metrics.server.ts'
import { DocStore, type LoadedDoc, type PendingUpdate } from '#server/collab/persistence.server.ts'
import { createUpgradeHandler } from '#server/http/upgrade-routing.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { FRAGMENT_NAME, MESSAGE_SYNC, SYNC_STEP_1 } from '#shared/collab/messages.ts'
import type { Role } from '#shared/domain.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { addMember, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

// A real CollabServer behind the real upgrade handler on a loopback HTTP server, over a real SQLite
// file, for socket tests. Everything opened here is closed after each test.

const closing: Array<() => Promise<void> | void> = []
afterEach(async () => {
	for (const close of closing.splice(0).reverse()) await close()
})

/**
 * A real `DocStore` that writes a line to `log` for each commit (and snapshot), and can be told to
 * fail its next loads or commits, as a damaged or full disk would.
 */
export class RecordingStore extends DocStore {
	readonly log: string[]
	failCommits = 0
	failLoads = 0

	constructor(db: Db, log: string[] = []) {
		super(db)
		this.log = log
	}

	override load(docId: string): LoadedDoc {
		if (this.failLoads > 0) {
			this.failLoads -= 1
			this.log.push('load failed')
			throw new Error('SQLITE_CORRUPT: database disk image is malformed')
		}
		return super.load(docId)
	}

	override append(updates: readonly PendingUpdate[], at: number): void {
		if (this.failCommits > 0) {
			this.failCommits -= 1
			this.log.push('commit failed')
			throw new Error('SQLITE_FULL: database or disk is full')
		}
		super.append(updates, at)
		this.log.push(`commit ${updates.map((entry) => entry.seq).join(',')}`)
	}

	override compact(docId: string, state: Uint8Array, seq: number, at: number): void {
		this.log.push(`compact ${seq}`)
		super.compact(docId, state, seq, at)
	}

	override writeDerived(
		docId: string,
		counts: { words: number; suggestions: number },
		at: number,
		by: string | null,
	): void {
		this.log.push(`derived ${counts.words}`)
		super.writeDerived(docId, counts, at, by)
	}
}

export type Harness = Awaited<ReturnType<typeof startCollab>>

/**
 * A task force in its writing phase with one section, a collaboration server for it, and a way to
 * sign people in. `storeFor` swaps in a recording store; `upgrade` passes options to the upgrade.
 */
export async function startCollab(
	options: {
		storeFor?: (db: Db) => DocStore
		upgrade?: Partial<Parameters<typeof createCollabUpgrade>[0]>
		/** Sections in the outline (`section` is the first). */
		sections?: number
	} = {},
) {
	const { db } = createTempDatabase()
	const outline = createOutline(db, { count: options.sections ?? 1, role: 'co_chair' })
	const section = nth(outline.sections, 0)
	const metrics = createCollabMetrics()
	const logger = createLogger('silent')
	const store = options.storeFor?.(db)
	const collab = new CollabServer({ db, metrics, logger, ...(store ? { store } : {}) })
	const upgrade = createCollabUpgrade({
		db,
		collab,
		metrics,
		logger,
		publicOrigin: undefined,
		...options.upgrade,
	})
	const server = http.createServer()
	server.on('upgrade', createUpgradeHandler({ development: false, logger, collab: upgrade.handle }))
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	closing.push(async () => {
		collab.shutdown()
		upgrade.close()
		server.closeAllConnections()
		await new Promise<void>((resolve) => server.close(() => resolve()))
	})

	/** A person with a role in the task force and a signed-in session (its cookie). */
	function signIn(role: Role, overrides: Parameters<typeof createUser>[1] = {}) {
		const user = createUser(db, overrides)
		addMember(db, outline.taskForce.id, user.id, role)
		return { user, ...sessionFor(user.id) }
	}

	/** Another session (another browser) of an existing person. */
	function sessionFor(userId: string) {
		const token = generateSessionToken()
		const session = createSession(db, token, userId)
		return { session, cookie: `convene_session=${token}` }
	}

	/** Stores `paragraphs` paragraphs of text as a section's snapshot; returns the document. */
	function storeLargeText(paragraphs: number, sectionId = section.id): Y.Doc {
		const doc = new Y.Doc()
		const fragment = doc.getXmlFragment(FRAGMENT_NAME)
		const line = 'A public register lists every system in use, what it decides and who answers for it. '
		doc.transact(() => {
			for (let index = 0; index < paragraphs; index++) {
				const paragraph = new Y.XmlElement('paragraph')
				paragraph.insert(0, [new Y.XmlText(`${index} ${line.repeat(3)}`)])
				fragment.insert(fragment.length, [paragraph])
			}
		})
		db.insert(docSnapshots)
			.values({
				docId: sectionId,
				state: Buffer.from(Y.encodeStateAsUpdate(doc)),
				seq: 0,
				updatedAt: Date.now(),
			})
			.run()
		return doc
	}

	/** An update adding a paragraph at the top of the section as the server has it (loaded or not). */
	function paragraphUpdate(text: string): Uint8Array {
		const doc = new Y.Doc()
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(collab.rooms.get(section.id)?.doc ?? new Y.Doc()))
		const before = Y.encodeStateVector(doc)
		const paragraph = new Y.XmlElement('paragraph')
		paragraph.insert(0, [new Y.XmlText(text)])
		doc.getXmlFragment(FRAGMENT_NAME).insert(0, [paragraph])
		return Y.encodeStateAsUpdate(doc, before)
	}

	return {
		db,
		outline,
		section,
		metrics,
		collab,
		origin,
		signIn,
		sessionFor,
		storeLargeText,
		paragraphUpdate,
	}
}

/** A raw WebSocket client that keeps every message and how it closed. */
export type RawClient = {
	ws: WebSocket
	messages: Uint8Array[]
	closed: Promise<{ code: number; reason: string }>
	/** Sends `[sync][step 1][state vector]` (an empty state vector: a new tab). */
	sendStep1: (stateVector?: Uint8Array) => void
}

/** Opens `/collab/:sectionId` with our Origin and `cookie`; resolves once open (or refused). */
export function openRaw(
	origin: string,
	sectionId: string,
	cookie: string | undefined,
	headers: Record<string, string> = {},
): Promise<RawClient & { status: number }> {
	const ws = new WebSocket(`${origin.replace('http', 'ws')}/collab/${sectionId}`, {
		headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}), ...headers },
	})
	const messages: Uint8Array[] = []
	ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
	ws.on('error', () => {})
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
	)
	closing.push(() => ws.terminate())
	const client: RawClient = {
		ws,
		messages,
		closed,
		sendStep1(stateVector = Uint8Array.of(0)) {
			const encoder = encoding.createEncoder()
			encoding.writeVarUint(encoder, MESSAGE_SYNC)
			encoding.writeVarUint(encoder, SYNC_STEP_1)
			encoding.writeVarUint8Array(encoder, stateVector)
			ws.send(encoding.toUint8Array(encoder))
		},
	}
	return new Promise((resolve) => {
		ws.on('unexpected-response', (_request, response) => {
			resolve({ ...client, status: response.statusCode ?? 0 })
			ws.terminate()
		})
		ws.on('open', () => resolve({ ...client, status: 101 }))
	})
}

/** The type of a message (`[varUint type]...`), and for sync messages its step. */
export function messageKind(message: Uint8Array): { type: number; step: number | null } {
	const decoder = decoding.createDecoder(message)
	const type = decoding.readVarUint(decoder)
	return { type, step: type === MESSAGE_SYNC ? decoding.readVarUint(decoder) : null }
}

/** Waits until `check` passes or the time is up (then throws with `what`). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

/** Closes `client` at the end of the test (for clients made elsewhere, e.g. y-websocket's). */
export function closeAfterTest(close: () => void): void {
	closing.push(close)
}
