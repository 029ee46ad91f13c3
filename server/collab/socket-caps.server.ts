import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Duplex } from 'node:stream'
import { LIMITS } from './limits.server.ts'

/** How many collaboration sockets may be open at once, per owner and in all. */
export type SocketCapLimits = { perSession: number; perPerson: number; perAddress: number; total: number }

export type SocketOwner = { sessionId: string; userId: string; address: string }

/** Which cap a socket would pass, or null when it fits. */
export type CapRefusal = 'total' | 'address' | 'person' | 'session'

/**
 * Counts open collaboration sockets per browser session, per person, per address and in all, so
 * that no one can hold thousands (one observer session once opened ~20,000, ran the process out of
 * file descriptors and took every page down for 16 s). A place is held from the upgrade until the
 * socket closes, however it closes.
 */
export class SocketCaps {
	readonly limits: SocketCapLimits
	#total = 0
	readonly #bySession = new Map<string, number>()
	readonly #byPerson = new Map<string, number>()
	readonly #byAddress = new Map<string, number>()

	constructor(limits: SocketCapLimits) {
		this.limits = limits
	}

	/** Open sockets now (for metrics and tests). */
	get total(): number {
		return this.#total
	}

	/** The check that needs no database: the process is full, or this address holds its share. */
	refusesEarly(address: string): 'total' | 'address' | null {
		if (this.#total >= this.limits.total) return 'total'
		if ((this.#byAddress.get(address) ?? 0) >= this.limits.perAddress) return 'address'
		return null
	}

	/** Holds a place for `socket` until it closes; or says which cap it would pass. */
	hold(owner: SocketOwner, socket: Duplex): CapRefusal | null {
		const early = this.refusesEarly(owner.address)
		if (early) return early
		if ((this.#byPerson.get(owner.userId) ?? 0) >= this.limits.perPerson) return 'person'
		if ((this.#bySession.get(owner.sessionId) ?? 0) >= this.limits.perSession) return 'session'
		this.#total += 1
		add(this.#bySession, owner.sessionId, 1)
		add(this.#byPerson, owner.userId, 1)
		add(this.#byAddress, owner.address, 1)
		socket.once('close', () => {
			this.#total -= 1
			add(this.#bySession, owner.sessionId, -1)
			add(this.#byPerson, owner.userId, -1)
			add(this.#byAddress, owner.address, -1)
		})
		return null
	}
}

function add(counts: Map<string, number>, key: string, delta: number): void {
	const next = (counts.get(key) ?? 0) + delta
	if (next <= 0) counts.delete(key)
	else counts.set(key, next)
}

/** The caps from `LIMITS`, the total from this process's file-descriptor limit. */
export function defaultSocketCaps(): SocketCapLimits {
	return {
		perSession: LIMITS.socketsPerSession,
		perPerson: LIMITS.socketsPerPerson,
		perAddress: LIMITS.socketsPerAddress,
		total: collabSocketCap(openFileLimit() ?? LIMITS.assumedFileLimit),
	}
}

/**
 * Collaboration sockets allowed for a file-descriptor limit: at most three quarters of it and at
 * least `fdReserve` below it, so HTTP requests, SQLite and the worker threads always find
 * descriptors (a process out of them cannot even accept `/healthz`).
 */
export function collabSocketCap(fileLimit: number): number {
	return Math.max(
		LIMITS.minCollabSockets,
		Math.min(fileLimit - LIMITS.fdReserve, Math.floor(fileLimit * LIMITS.collabShareOfFds)),
	)
}

/**
 * The soft limit on open files (`ulimit -n`) of this process: Node has no API for it, so Linux's
 * /proc/self/limits, else the shell's (a child inherits it). Null when unknown or unlimited.
 */
export function openFileLimit(): number | null {
	try {
		const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
		if (match) return Number(match[1])
	} catch {
		// Not Linux: ask the shell.
	}
	try {
		const limit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2_000 }).trim())
		return Number.isFinite(limit) && limit > 0 ? limit : null
	} catch {
		return null
	}
}
