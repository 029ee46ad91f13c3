import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import helmet from 'helmet'
import { ownWebSocketOrigin } from './origin.server.ts'

type Response = ServerResponse & { locals: { cspNonce?: string } }

/** Gives each response a fresh nonce that the page's inline hydration scripts carry. */
export const cspNonce: RequestHandler = (_req, res, next) => {
	res.locals.cspNonce = randomBytes(16).toString('base64')
	next()
}

/**
 * Security headers for every response. The Content-Security-Policy allows scripts, styles, images
 * and connections from our own origin only, plus our own WebSocket origin for live editing.
 * Inline `style` attributes stay allowed (collaboration carets are colored that way); they cannot
 * run code. In development Vite injects inline scripts and its HMR socket, so scripts relax there.
 */
export function securityHeaders(options: { publicOrigin: string | undefined; development: boolean }) {
	const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`
	const webSocket = (req: IncomingMessage) => ownWebSocketOrigin(req, options.publicOrigin)
	const https = options.publicOrigin?.startsWith('https:') ?? false
	return helmet({
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				defaultSrc: ["'self'"],
				scriptSrc: options.development ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce],
				// Inline styles only with the nonce: a published edition's page carries its stylesheet inline.
				styleSrc: options.development ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce],
				styleSrcAttr: ["'unsafe-inline'"],
				imgSrc: ["'self'", 'data:'],
				fontSrc: ["'self'"],
				connectSrc: ["'self'", webSocket],
				objectSrc: ["'none'"],
				baseUri: ["'self'"],
				formAction: ["'self'"],
				frameAncestors: ["'none'"],
			},
		},
		xFrameOptions: { action: 'deny' },
		referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
		// HSTS only means something over https; on plain http it would only confuse a local setup.
		strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
	})
}
