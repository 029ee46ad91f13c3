import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/**
 * The app's own origin: `PUBLIC_ORIGIN` when the operator set it (behind a proxy it is the only
 * trustworthy answer), else the request's own scheme and `Host`.
 */
export function ownOrigin(req: IncomingMessage, publicOrigin: string | undefined): string {
	if (publicOrigin) return publicOrigin
	const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http'
	return `${scheme}://${req.headers.host ?? 'localhost'}`
}

/** The WebSocket origin that pairs with our HTTP origin (`https:` → `wss:`). */
export function ownWebSocketOrigin(req: IncomingMessage, publicOrigin: string | undefined): string {
	return ownOrigin(req, publicOrigin).replace(/^http/, 'ws')
}
