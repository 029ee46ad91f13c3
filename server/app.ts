import { RouterContextProvider, type ServerBuild } from 'react-router'
import { requestInfoContext, type Services, servicesContext } from './context.server.ts'
import { createExpressHandler } from './http/react-router-adapter.server.ts'

export { createLiveServices } from './live-services.server.ts'

/**
 * The server bundle's entry (see vite.config.ts): the React Router request handler with our
 * services in its context, and (re-exported above) the live services themselves. Built together
 * with the routes, so the routes, the collaboration server and this module share one instance of
 * every module they import.
 */
export function createAppHandler(services: Services) {
	const development = services.config.env === 'development'
	const load = () => import('virtual:react-router/server-build') as Promise<ServerBuild>
	// React Router asks for the build on every request. In development that lets Vite hand over
	// fresh modules; in production the build never changes, and a dynamic import() per request
	// still walks the module loader (through tsx's hooks thread): measured at a fifth of the
	// dashboard's CPU time under load. So it is imported once.
	let built: Promise<ServerBuild> | null = null
	return createExpressHandler({
		build: development ? load : () => (built ??= load()),
		mode: development ? 'development' : 'production',
		getLoadContext(req, res) {
			const context = new RouterContextProvider()
			context.set(servicesContext, services)
			context.set(requestInfoContext, {
				requestId: String((req as { id?: unknown }).id ?? ''),
				nonce: res.locals.cspNonce as string | undefined,
				clientIp: req.socket.remoteAddress ?? 'unknown',
			})
			return context
		},
	})
}
