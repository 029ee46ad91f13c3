import { timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Registry } from 'prom-client'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * `GET /metrics` in Prometheus text format, for loopback callers (a scraper on the same host) or
 * with `Authorization: Bearer $METRICS_TOKEN`; anyone else gets 404, as if it did not exist.
 */
export function metricsEndpoint(registry: Registry, token: string | undefined): RequestHandler {
	return async (req, res) => {
		const auth = req.headers.authorization
		const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null
		const allowed =
			LOOPBACK.has(req.socket.remoteAddress ?? '') ||
			(token !== undefined && bearer !== null && sameSecret(bearer, token))
		if (!allowed) {
			res.status(404).type('text/plain').send('Not Found')
			return
		}
		res
			.set('Content-Type', registry.contentType)
			.set('Cache-Control', 'no-store')
			.send(await registry.metrics())
	}
}
