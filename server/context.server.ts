import { createContext, type RouterContextProvider } from 'react-router'
import type { Db } from '#db/client.server.ts'
import type { LoginThrottle } from './auth/login-throttle.server.ts'
import type { Config } from './config.server.ts'
import type { Logger } from './logger.server.ts'

/** What the process hands every request: created once in `main.ts`, read by loaders and actions. */
export type Services = {
	db: Db
	config: Config
	logger: Logger
	/** The clock; tests and the seed pass their own. */
	now: () => Date
	/** Failed sign-in counters, per account and per IP address. */
	loginThrottle: LoginThrottle
}

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
