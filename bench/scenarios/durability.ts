import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { BenchClient, type Flavor } from '../lib/client.ts'
import { type Running, removeData, sectionId, signIn, startServer } from '../lib/servers.ts'
import { storedText } from './fuzz.ts'

export type DurabilityResult = {
	kind: 'convene' | 'hocuspocus'
	trials: number
	/** Edits a peer had received before the kill, over all trials. */
	seen: number
	/** Of those, edits missing from what the server had stored (must be 0 for Convene). */
	lost: number
	trialsWithLoss: number
	/** Trials where the peer had seen nothing before the kill (the kill came first). */
	emptyTrials: number
}

const MARK = /t\d+e\d+/g

function wait(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms))
}

/** What the server has stored for the room, read straight from its database file. */
function stored(server: Running, room: string): string {
	if (server.kind === 'convene') {
		const db = new Database(path.join(server.dataPath as string, 'convene.db'), { readonly: true })
		try {
			return storedText(db, room)
		} finally {
			db.close()
		}
	}
	const db = new Database(server.dataPath as string, { readonly: true })
	try {
		const doc = new Y.Doc()
		const row = db.prepare('select data from documents where name = ?').get(room) as
			| { data: Buffer }
			| undefined
		if (row) Y.applyUpdate(doc, row.data)
		return doc.getXmlFragment('default').toString()
	} catch {
		return '' // no table yet: nothing was ever stored
	} finally {
		db.close()
	}
}

/**
 * Trials of a random burst of edits from one writer, watched by a second client, with the server
 * killed (SIGKILL) at a random moment during or just after the burst. Afterwards, every edit the
 * watcher had received must be in what the server stored: a peer saw it, so someone may have
 * acted on it. Runs against Convene (commit before broadcast) or Hocuspocus (debounced store).
 */
export async function runDurability(
	kind: 'convene' | 'hocuspocus',
	trials: number,
	options: { log?: (line: string) => void; seed?: number } = {},
): Promise<DurabilityResult> {
	let server = await startServer(kind)
	const result: DurabilityResult = { kind, trials, seen: 0, lost: 0, trialsWithLoss: 0, emptyTrials: 0 }
	const flavor: Flavor = kind === 'convene' ? 'yws' : 'hocuspocus'
	const room = kind === 'convene' ? sectionId(server.dataPath as string) : 'durability'
	const cookies =
		kind === 'convene'
			? [await signIn(server.origin, 'writer@demo.test'), await signIn(server.origin, 'writer2@demo.test')]
			: []
	const client = (who: number) => {
		const ws = server.origin.replace('http', 'ws')
		return new BenchClient({
			url: kind === 'convene' ? `${ws}/collab/${room}` : `${ws}/${room}`,
			headers: kind === 'convene' ? { Origin: server.origin, Cookie: cookies[who] as string } : {},
			flavor,
			docName: room,
			full: true,
		})
	}
	try {
		for (let trial = 0; trial < trials; trial++) {
			const writer = client(0)
			const watcher = client(1)
			await Promise.all([writer.synced, watcher.synced])
			const burst = 1 + Math.floor(Math.random() * 12)
			// The kill lands anywhere from the first edit to shortly after the last.
			const killAfter = Math.random() * (burst * 2 + 15)
			const killed = wait(killAfter).then(() => server.crash())
			for (let i = 0; i < burst && !server.exited(); i++) {
				writer.startParagraph(`t${trial}e${i}`)
				if (Math.random() < 0.5) await wait(Math.random() * 3)
			}
			await killed
			const mine = (mark: string) => mark.startsWith(`t${trial}e`)
			const seen = new Set((watcher.text().match(MARK) ?? []).filter(mine))
			writer.close()
			watcher.close()
			server = await startServer(kind, { port: server.port, dataPath: server.dataPath as string })
			const kept = new Set(stored(server, room).match(MARK) ?? [])
			const lost = [...seen].filter((mark) => !kept.has(mark))
			result.seen += seen.size
			result.lost += lost.length
			if (lost.length > 0) result.trialsWithLoss++
			if (seen.size === 0) result.emptyTrials++
			if (lost.length > 0) options.log?.(`${kind} trial ${trial}: lost ${lost.join(', ')}`)
		}
	} finally {
		await server.stop()
		removeData(server)
	}
	return result
}
