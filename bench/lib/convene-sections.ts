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

/**
 * Adds `count` people to a stopped Convene's demo task force, members of the demo section's
 * subcommittee (so, while it is writing, they may write that section and every copy of it), with
 * the demo password: `bench-writer-<n>@demo.test`. Thousands of editors are hundreds of people:
 * the socket caps (#11) refuse more tabs than that per person.
 */
export function addWriters(dataDir: string, count: number): void {
	const db = new Database(path.join(dataDir, 'convene.db'))
	try {
		const template = db
			.prepare(
				`select s.subcommittee_id as subcommittee, d.task_force_id as taskForce, u.password_hash as hash
				 from sections s join documents d on d.id = s.document_id, users u
				 where s.title = ? and u.email = 'writer@demo.test'`,
			)
			.get(DEMO_SECTION) as { subcommittee: string; taskForce: string; hash: string } | undefined
		if (!template) throw new Error(`no section titled ${DEMO_SECTION} or no writer@demo.test`)
		const { top } = db
			.prepare("select count(*) as top from users where email like 'bench-writer-%'")
			.get() as { top: number }
		const insertUser = db.prepare(
			'insert into users (id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?)',
		)
		const insertMembership = db.prepare(
			"insert into memberships (task_force_id, user_id, role, joined_at) values (?, ?, 'member', ?)",
		)
		const insertSubcommittee = db.prepare(
			'insert into subcommittee_members (subcommittee_id, user_id) values (?, ?)',
		)
		const now = Date.now()
		db.transaction(() => {
			for (let n = top + 1; n <= top + count; n++) {
				const id = encodeId(randomBytes(16))
				insertUser.run(id, `bench-writer-${n}@demo.test`, `Bench writer ${n}`, template.hash, now)
				insertMembership.run(template.taskForce, id, now)
				insertSubcommittee.run(template.subcommittee, id)
			}
		})()
	} finally {
		db.close()
	}
}

/**
 * Sockets per session a load asks for: under Convene's caps of 10 per browser session and 20 per
 * person (issue #11), with room to spare. A person with more tabs than that is refused (4409), so
 * a load of 50 editors or 400 viewers needs many sessions of many people, as real ones would be.
 */
const SOCKETS_PER_SESSION = 8
const SOCKETS_PER_PERSON = 16

/** How many people `sockets` sockets need under the caps (for `addWriters`). */
export const peopleFor = (sockets: number): number => Math.ceil(sockets / SOCKETS_PER_PERSON)

/**
 * Session cookies for `sockets` sockets, used round-robin: `write` gives people who may write the
 * demo section (the demo writers, every co-chair and the people `addWriters` added to the server's
 * data), `read` people who may read it (members and observers of the task force). Throws when
 * there are too few such people for the caps.
 */
export async function sessionsFor(
	server: { origin: string; pid: number; dataPath?: string | null },
	sockets: number,
	access: 'write' | 'read',
): Promise<string[]> {
	// Signed in once per server process and load: a password check costs tens of milliseconds each.
	const key = `${server.pid} ${server.origin} ${access} ${sockets}`
	let cookies = signedIn.get(key)
	if (!cookies) {
		const emails = await demoEmails(server.dataPath ?? (await seededOnce()), access)
		cookies = await signInSessions(server.origin, emails, sockets, access)
		signedIn.set(key, cookies)
	}
	return cookies
}

const signedIn = new Map<string, string[]>()

async function signInSessions(
	origin: string,
	emails: string[],
	sockets: number,
	access: 'write' | 'read',
): Promise<string[]> {
	const sessions = Math.max(1, Math.ceil(sockets / SOCKETS_PER_SESSION))
	const people = Math.min(emails.length, sessions)
	if (sockets > people * SOCKETS_PER_PERSON)
		throw new Error(
			`${sockets} ${access} sockets need more than the ${emails.length} people who may ${access}`,
		)
	// A few at a time: each is an argon2id check on the server.
	const cookies: string[] = []
	for (let start = 0; start < sessions; start += 4) {
		const batch = Array.from({ length: Math.min(4, sessions - start) }, (_, i) =>
			signIn(origin, emails[(start + i) % people] as string),
		)
		cookies.push(...(await Promise.all(batch)))
	}
	return cookies
}

async function demoEmails(dataDir: string, access: 'write' | 'read'): Promise<string[]> {
	const db = new Database(path.join(dataDir, 'convene.db'), { readonly: true })
	try {
		const writers = WRITERS.map((account) => `${account}@demo.test`)
		if (access === 'write') {
			const others = db
				.prepare(
					"select u.email from users u join memberships m on m.user_id = u.id join task_forces t on t.id = m.task_force_id where t.slug = 'genai' and u.disabled_at is null and (m.role = 'co_chair' or u.email like 'bench-writer-%') order by u.email",
				)
				.all() as Array<{ email: string }>
			return [...new Set([...writers, ...others.map((row) => row.email)])]
		}
		const readers = db
			.prepare(
				"select u.email from users u join memberships m on m.user_id = u.id join task_forces t on t.id = m.task_force_id where t.slug = 'genai' and m.role in ('member', 'observer') and u.disabled_at is null and u.email not like 'bench-writer-%' order by u.email",
			)
			.all() as Array<{ email: string }>
		return readers.map((row) => row.email).filter((email) => !writers.includes(email))
	} finally {
		db.close()
	}
}
