import { createContext, type RouterContextProvider } from 'react-router'
import type * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import type { LoginThrottle } from './auth/login-throttle.server.ts'
import type { Config } from './config.server.ts'
import type { Logger } from './logger.server.ts'
import type { VersionComparisons } from './sections/version-comparisons.server.ts'

/** What the process hands every request: created once in `main.ts`, read by loaders and actions. */
export type Services = {
	db: Db
	config: Config
	logger: Logger
	/** The clock; tests and the seed pass their own. */
	now: () => Date
	/** Failed sign-in counters, per account and per IP address. */
	loginThrottle: LoginThrottle
	/** The live collaboration server, as far as pages need it. */
	collab: CollabFacade
	/** Version comparisons for the compare page, cached and budgeted per person. */
	versionComparisons: VersionComparisons
}

/**
 * What request handlers may ask of the collaboration server (it lives in the process's own
 * module graph; pages reach it only through this).
 */
export type CollabFacade = {
	/** User ids with each section open right now. */
	presence(sectionIds: readonly string[]): Record<string, string[]>
	/** Applies a server-made update (restoring a version) as a new change, stored and broadcast. */
	applyServerUpdate(sectionId: string, update: Uint8Array, origin: { userId: string | null }): boolean
	/**
	 * Runs a server-made change (anchoring a comment) on a section's live document, stored and
	 * broadcast like any other; null when the section cannot be loaded.
	 */
	changeDocument<T>(
		sectionId: string,
		change: (doc: Y.Doc) => T,
		origin: { userId: string | null },
	): { value: T } | null
	/** Commits anything applied but not yet stored (before reading the log directly). */
	flush(): void
	/**
	 * Re-decides at once, with the policy, the open sockets a committed access change may touch:
	 * each is told it now reads, or closed. Every operation that changes who may write calls it right
	 * after its transaction commits, so no message that arrives later is judged with the old access.
	 */
	accessChanged(scope: AccessScope): void
}

/** Which open sockets an access change may touch: one person's, a task force's, one section's. */
export type AccessScope = { userId: string } | { taskForceId: string } | { sectionId: string }

/** What an operation that changes access needs of the live server. */
export type AccessChanges = Pick<CollabFacade, 'accessChanged'>

/** Facts about this one request that the document renderer needs. */
export type RequestInfo = {
	requestId: string
	nonce: string | undefined
	/** The peer's address; behind a proxy, the proxy's (set `trust proxy` before relying on it). */
	clientIp: string
}

export const servicesContext = createContext<Services>()
export const requestInfoContext = createContext<RequestInfo>()

/** The process's services, from a loader's or action's `context`. */
export function getServices(context: Readonly<RouterContextProvider>): Services {
	return context.get(servicesContext)
}
