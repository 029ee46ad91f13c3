import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Db } from '#db/client.server.ts'
import { readCookie, SESSION_COOKIE } from '../auth/cookie.server.ts'
import { validateSessionToken } from '../auth/session.server.ts'
import { ownOrigin } from '../http/origin.server.ts'
import { refuseUpgrade } from '../http/upgrade.server.ts'
import type { Logger } from '../logger.server.ts'
import { decideSectionAccess } from '../sections/section-access.server.ts'
import type { CollabServer } from './collab-server.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'

const SECTION_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})$/

/**
 * Authorises `/collab/:sectionId` upgrades before a socket exists: our own Origin (else 403, a
 * cross-site page cannot ride the cookie), a valid session (else 401), and read access to the
 * section per the policy (else 404: existence is private). Then hands the socket to the server
 * as read or write.
 */
export function createCollabUpgrade(options: {
	db: Db
	collab: CollabServer
	metrics: CollabMetrics
	logger: Logger
	publicOrigin: string | undefined
}) {
	const { db, collab, metrics } = options
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: LIMITS.maxMessageBytes,
		perMessageDeflate: false,
	})
	const refuse = (socket: Duplex, status: number, text: string, reason: string) => {
		metrics.rejections.inc({ reason })
		refuseUpgrade(socket, status, text)
	}

	const handle = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const match = SECTION_PATH.exec((req.url ?? '').split('?')[0] ?? '')
		if (!match) return refuse(socket, 404, 'Not Found', 'bad_path')
		if (req.headers.origin !== ownOrigin(req, options.publicOrigin)) {
			return refuse(socket, 403, 'Forbidden', 'cross_origin')
		}
		const token = readCookie(req.headers.cookie, SESSION_COOKIE)
		const session = token ? validateSessionToken(db, token) : null
		if (!session) return refuse(socket, 401, 'Unauthorized', 'signed_out')
		const sectionId = match[1] as string
		const decision = decideSectionAccess(db, session.user, sectionId)
		if (!decision || decision.access === 'none') return refuse(socket, 404, 'Not Found', 'no_access')
		wss.handleUpgrade(req, socket, head, (ws) => {
			collab.accept(ws, socket, {
				userId: session.user.id,
				isAdmin: session.user.isAdmin,
				sessionId: session.session.id,
				sectionId,
				access: decision.access === 'write' ? 'write' : 'read',
				readOnlyReason: decision.readOnlyReason,
			})
		})
	}
	return { handle, close: () => wss.close() }
}
