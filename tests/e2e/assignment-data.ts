import path from 'node:path'
import Database from 'better-sqlite3'
import type { RunningServer } from './server.ts'

/** Names of the demo's subcommittees the assignment tests use. */
export const ENGAGEMENT = 'Community Engagement and Transparency'
export const PROCUREMENT = 'Procurement and Vendors'

/**
 * Reading the running server's database (read-only) to find ids and check what was stored, for the
 * assignment tests.
 */
export function demoData(server: RunningServer) {
	/** One row from the running server's database, read-only. */
	function query<T>(sql: string, ...params: unknown[]): T {
		const db = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
		try {
			return db.prepare(sql).get(...params) as T
		} finally {
			db.close()
		}
	}

	function subcommitteeId(name: string) {
		return query<{ id: string }>('select id from subcommittees where name = ?', name).id
	}

	function userId(email: string) {
		return query<{ id: string }>('select id from users where email = ?', email).id
	}

	/** An open assignment of a subcommittee, optionally assigned to someone. */
	function openAssignment(subcommittee: string, assigneeEmail?: string) {
		const row = query<{ id: string; revision: number; title: string } | undefined>(
			`select a.id, a.revision, a.title from assignments a join subcommittees s on s.id = a.subcommittee_id
			 where s.name = ? and a.status in ('todo', 'in_progress') ${assigneeEmail ? 'and a.assignee_id = ?' : ''}
			 order by a.id limit 1`,
			subcommittee,
			...(assigneeEmail ? [userId(assigneeEmail)] : []),
		)
		if (!row) throw new Error(`no open assignment in ${subcommittee}`)
		return row
	}

	/** A due date ten days ahead: inside the demo's run, whatever day it was seeded. */
	function dueSoon() {
		return new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
	}

	function newAssignment(subcommittee: string, overrides: Record<string, string> = {}) {
		return {
			title: 'Interview two city clerks',
			subcommitteeId: subcommitteeId(subcommittee),
			phaseKind: 'writing',
			dueOn: dueSoon(),
			...overrides,
		}
	}
	return { query, subcommitteeId, userId, openAssignment, dueSoon, newAssignment }
}
