import { sql } from 'drizzle-orm'
import type { RequestHandler } from 'express'
import type { Db } from '#db/client.server.ts'

/** `GET /healthz`: 200 `{"status":"ok"}` when the database answers, 503 otherwise. */
export function healthCheck(db: Db): RequestHandler {
	return (_req, res) => {
		try {
			db.get(sql`select 1`)
			res.set('Cache-Control', 'no-store').json({ status: 'ok' })
		} catch {
			res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' })
		}
	}
}
