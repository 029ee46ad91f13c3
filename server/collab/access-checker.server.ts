import type { Db } from '#db/client.server.ts'
import { type TextAccess, textAccessOf } from '#shared/collab/access.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import type { Role } from '#shared/domain.ts'
import {
	type AccessLookups,
	decideSectionAccess,
	memoizedLookups,
} from '../sections/section-access.server.ts'
import type { ConnectionInfo } from './connection.server.ts'

export type AccessDecision =
	| { kind: 'keep'; access: TextAccess; readOnlyReason: string | null; role: Role }
	| { kind: 'close'; code: number; reason: string }

/**
 * Answers "may this socket stay, and as what?" for the periodic re-check, asking the same policy
 * as the upgrade. Answers and the facts behind them are memoised for one round (a slice of the re-check), so a hundred
 * sockets of one person on one section cost one decision, and a thousand sections of one task
 * force one membership lookup per person.
 */
export class AccessChecker {
	readonly #db: Db
	readonly #session
	readonly #taskForceSections
	#sessions = new Map<string, boolean>()
	#decisions = new Map<string, AccessDecision>()
	#lookups: AccessLookups

	constructor(db: Db) {
		this.#db = db
		this.#lookups = memoizedLookups(db)
		this.#session = db.$client.prepare<[string], { expires_at: number; disabled_at: number | null }>(
			'select s.expires_at, u.disabled_at from sessions s join users u on u.id = s.user_id where s.id = ?',
		)
		// Removed sections included: their sockets must be closed too.
		this.#taskForceSections = db.$client
			.prepare<[string], string>(
				'select s.id from sections s join documents d on d.id = s.document_id where d.task_force_id = ?',
			)
			.pluck()
	}

	/** Every section id of a task force, to find the open sockets a task-force-wide change touches. */
	sectionIdsOf(taskForceId: string): Set<string> {
		return new Set(this.#taskForceSections.all(taskForceId))
	}

	beginRound(): void {
		this.#sessions.clear()
		this.#decisions.clear()
		this.#lookups = memoizedLookups(this.#db)
	}

	decide(info: ConnectionInfo, sectionId: string): AccessDecision {
		let sessionValid = this.#sessions.get(info.sessionId)
		if (sessionValid === undefined) {
			const row = this.#session.get(info.sessionId)
			sessionValid = row !== undefined && row.expires_at > Date.now() && row.disabled_at === null
			this.#sessions.set(info.sessionId, sessionValid)
		}
		if (!sessionValid) return { kind: 'close', code: CLOSE_CODES.SIGNED_OUT, reason: 'signed_out' }
		const key = `${info.userId}\u0000${sectionId}`
		let decision = this.#decisions.get(key)
		if (!decision) {
			const decided = decideSectionAccess(
				this.#db,
				{ id: info.userId, isAdmin: info.isAdmin },
				sectionId,
				this.#lookups,
			)
			if (!decided) decision = { kind: 'close', code: CLOSE_CODES.NO_SUCH_SECTION, reason: 'no_such_section' }
			else if (decided.access === 'none' || !decided.role)
				decision = { kind: 'close', code: CLOSE_CODES.ACCESS_CHANGED, reason: 'access_revoked' }
			else
				decision = {
					kind: 'keep',
					access: textAccessOf(decided.access),
					readOnlyReason: decided.readOnlyReason,
					role: decided.role,
				}
			this.#decisions.set(key, decision)
		}
		return decision
	}
}
