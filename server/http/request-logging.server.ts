import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger.server.ts'

// Tokens travel in these paths; a log must never hold a usable invitation or feed link.
const SECRET_PATH = /^\/(invite|calendar|unsubscribe)\/[^/?]+/

/** Replaces secrets in a request path with a placeholder, so logs can be shared. */
export function redactUrl(url: string): string {
	return url.replace(SECRET_PATH, '/$1/[redacted]').replace(/\?.*$/, (query) => (query ? '?…' : ''))
}

const REQUEST_ID = /^[\w-]{8,64}$/

/**
 * One JSON line per request with a request id, also sent back as `X-Request-Id` so a person who
 * reports a problem can quote it. A proxy's own id is reused when it looks like one.
 */
export function requestLogging(logger: Logger) {
	return pinoHttp({
		logger,
		genReqId(req, res) {
			const incoming = req.headers['x-request-id']
			const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
			res.setHeader('X-Request-Id', id)
			return id
		},
		customLogLevel(_req, res, error) {
			if (error || res.statusCode >= 500) return 'error'
			if (res.statusCode >= 400) return 'warn'
			return 'info'
		},
		serializers: {
			req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
				id: req.id,
				method: req.method,
				url: redactUrl(req.url ?? ''),
				remoteAddress: req.raw?.socket?.remoteAddress,
			}),
			res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
		},
	})
}
