import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { encodeId } from '../../db/ids.ts'
import { DEMO_SECTION, removeData, signIn, startServer } from './servers.ts'

/** The demo accounts that may write the demo section (and every section copied from it). */
export const WRITERS = ['cochair', 'lead', 'writer', 'writer2'] as const

/** A section to add: its title and, optionally, its stored text (else the demo section's). */
export type SectionSpec = { title: string; snapshot?: Uint8Array; log?: Uint8Array[] }

let seeded: string | null = null

/** The folder Convene seeded on its first start in this process (started and stopped once). */
async function seededOnce(): Promise<string> {
	if (!seeded) {
		const server = await startServer('convene')
		await server.stop()
		seeded = server.dataPath as string
		process.once('exit', () => removeData(server))
	}
	return seeded
}

/** A fresh Convene data folder holding the demo data: a copy of the one seeded once. */
export async function seededDataDir(): Promise<string> {
	const copy = mkdtempSync(path.join(tmpdir(), 'convene-bench-'))
	cpSync(await seededOnce(), copy, { recursive: true })
	return copy
}

/**
 * Adds sections to a stopped Convene's database, as copies of the demo section "Community
 * engagement and transparency": same document and subcommittee, so the demo writers may write
 * them, with new ids, titles and positions, and their own stored text (snapshot at `seq` 0, then
 * log rows 1…n as Convene itself writes them). Returns the new ids in order. Convene serves only
 * rooms that are sections, and the bench must not change the server to get more of them.
 */
export function addSections(dataDir: string, specs: SectionSpec[]): string[] {
	const db = new Database(path.join(dataDir, 'convene.db'))
	try {
		const template = db.prepare('select * from sections where title = ?').get(DEMO_SECTION) as
			| Record<string, unknown>
			| undefined
		if (!template) throw new Error(`no section titled ${DEMO_SECTION}`)
		const text = db.prepare('select state from doc_snapshots where doc_id = ?').get(template.id) as {
			state: Buffer
		}
		const { top } = db
			.prepare('select max(position) as top from sections where document_id = ?')
			.get(template.document_id) as { top: number }
		const columns = Object.keys(template)
		const insertSection = db.prepare(
			`insert into sections (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
		)
		const insertSnapshot = db.prepare(
			'insert into doc_snapshots (doc_id, state, seq, updated_at) values (?, ?, 0, ?)',
		)
		const insertUpdate = db.prepare(
			'insert into doc_updates (doc_id, seq, data, user_id, at) values (?, ?, ?, null, ?)',
		)
		const now = Date.now()
		const ids: string[] = []
		db.transaction(() => {
			specs.forEach((spec, i) => {
				const id = encodeId(randomBytes(16))
				ids.push(id)
				insertSection.run({
					...template,
					id,
					title: spec.title,
					position: top + 1 + i,
					last_edited_at: null,
					last_edited_by: null,
				})
				insertSnapshot.run(id, spec.snapshot ?? text.state, now)
				spec.log?.forEach((update, seq) => {
					insertUpdate.run(id, seq + 1, update, now)
				})
			})
		})()
		return ids
	} finally {
		db.close()
	}
}

/** The demo section's stored text (what every added section holds unless given its own). */
export async function demoSectionState(): Promise<Uint8Array> {
	const db = new Database(path.join(await seededOnce(), 'convene.db'), { readonly: true })
	try {
		const row = db
			.prepare('select state from doc_snapshots s join sections x on x.id = s.doc_id where x.title = ?')
			.get(DEMO_SECTION) as { state: Buffer }
		return new Uint8Array(row.state)
	} finally {
		db.close()
	}
}

/** Session cookies of the demo writers, in `WRITERS` order. */
export async function writerCookies(origin: string): Promise<string[]> {
	const cookies: string[] = []
	for (const account of WRITERS) cookies.push(await signIn(origin, `${account}@demo.test`))
	return cookies
}
