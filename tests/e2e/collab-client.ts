import path from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FRAGMENT_NAME, MESSAGE_ACCESS } from '#shared/collab/messages.ts'

/** A WebSocket class that sends our cookie and Origin, as a browser on our pages would. */
function socketClass(origin: string, cookie: string | undefined) {
	return class extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } })
		}
	}
}

export type CollabClient = {
	doc: Y.Doc
	provider: WebsocketProvider
	/** Latest access the server announced. */
	access: () => string | null
	closes: Array<{ code: number; reason: string }>
	synced: Promise<void>
	text: () => string
	append: (text: string) => void
	destroy: () => void
}

/** A y-websocket client in Node, signed in with `cookie`, on section `sectionId`. */
export function connectCollab(origin: string, sectionId: string, cookie: string | undefined): CollabClient {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(`${origin.replace('http', 'ws')}/collab`, sectionId, doc, {
		WebSocketPolyfill: socketClass(origin, cookie) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200,
	})
	let access: string | null = null
	provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
		access = decoding.readVarString(decoder)
		decoding.readVarString(decoder)
	}
	const closes: Array<{ code: number; reason: string }> = []
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason })
	})
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve()
		provider.once('sync', (isSynced: boolean) => isSynced && resolve())
	})
	const fragment = doc.getXmlFragment(FRAGMENT_NAME)
	return {
		doc,
		provider,
		access: () => access,
		closes,
		synced,
		text: () => fragment.toString(),
		append(text: string) {
			const paragraph = new Y.XmlElement('paragraph')
			paragraph.insert(0, [new Y.XmlText(text)])
			fragment.insert(fragment.length, [paragraph])
		},
		destroy() {
			provider.destroy()
			doc.destroy()
		},
	}
}

/** Waits until `check` passes or the time is up (then throws with `what`). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 25))
	}
}

/** Reads the server's database directly (read-only) to find seeded ids. */
export function sectionIdByTitle(dataDir: string, title: string): string {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const row = db.prepare('select id from sections where title = ?').get(title) as { id: string } | undefined
		if (!row) throw new Error(`no section titled ${title}`)
		return row.id
	} finally {
		db.close()
	}
}

/** The stored text of a section (snapshot + log), read as a fresh Yjs document would load it. */
export function storedText(dataDir: string, sectionId: string): string {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const doc = new Y.Doc()
		const snapshot = db.prepare('select state from doc_snapshots where doc_id = ?').get(sectionId) as
			| { state: Buffer }
			| undefined
		if (snapshot) Y.applyUpdate(doc, snapshot.state)
		for (const row of db
			.prepare('select data from doc_updates where doc_id = ? order by seq')
			.all(sectionId) as Array<{ data: Buffer }>) {
			Y.applyUpdate(doc, row.data)
		}
		return doc.getXmlFragment(FRAGMENT_NAME).toString()
	} finally {
		db.close()
	}
}

/** Opens a raw socket and reports the HTTP status of a refused upgrade (or 101). */
export function upgradeStatus(
	origin: string,
	path: string,
	headers: Record<string, string>,
): Promise<number> {
	return new Promise((resolve) => {
		const socket = new WebSocket(`${origin.replace('http', 'ws')}${path}`, { headers })
		socket.on('unexpected-response', (_request, response) => {
			resolve(response.statusCode ?? 0)
			socket.terminate()
		})
		socket.on('open', () => {
			resolve(101)
			socket.close()
		})
		socket.on('error', () => {})
	})
}
