import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import type { Db } from '#db/client.server.ts'
import { textAccessOf } from '#shared/collab/access.ts'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { presenceUser } from '#shared/collab/presence.ts'
import { readCookie, SESSION_COOKIE } from '../auth/cookie.server.ts'
import { validateSessionToken } from '../auth/session.server.ts'
import { ownOrigin } from '../http/origin.server.ts'
import { refuseUpgrade } from '../http/upgrade-routing.server.ts'
import type { Logger } from '../logger.server.ts'
import { decideSectionAccess } from '../sections/section-access.server.ts'
import { getOrganizationName } from '../sections/section-page.server.ts'
import type { CollabServer } from './collab-server.server.ts'
import { LIMITS } from './limits.server.ts'
import type { CollabMetrics } from './metrics.server.ts'
import { defaultSocketCaps, type SocketCapLimits, SocketCaps } from './socket-caps.server.ts'

const SECTION_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})$/

/**
 * Authorises `/collab/:sectionId` upgrades before a socket exists: room for one more socket in the
 * process and from this address (else 503 / 429, before any database work), our own Origin (else
 * 403, a cross-site page cannot ride the cookie), a valid session (else 401), and read access to
 * the section per the policy (else 404: existence is private). Then hands the socket to the server
 * as read or write — unless the session or person already holds their share of sockets: that one
 * is closed at once with 4409, which the editor explains instead of reconnecting.
 */
export function createCollabUpgrade(options: {
	db: Db
	collab: CollabServer
	metrics: CollabMetrics
	logger: Logger
	publicOrigin: string | undefined
	/** Socket caps; by default from `LIMITS` and the process's file-descriptor limit. */
	caps?: SocketCapLimits
}) {
	const { db, collab, metrics } = options
	const caps = new SocketCaps(options.caps ?? defaultSocketCaps())
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: LIMITS.maxMessageBytes,
		perMessageDeflate: false,
	})
	const refuse = (socket: Duplex, status: number, text: string, reason: string) => {
		metrics.rejections.inc({ reason })
		refuseUpgrade(socket, status, text)
	}
	// Refused before the handshake: the process is full (a client retries later), or one address
	// holds its share (a flood of sessions from one place).
	const refuseForCap = (socket: Duplex, cap: 'total' | 'address') =>
		cap === 'total'
			? refuse(socket, 503, 'Service Unavailable', 'too_many_sockets_total')
			: refuse(socket, 429, 'Too Many Requests', 'too_many_sockets_address')

	const handle = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const match = SECTION_PATH.exec((req.url ?? '').split('?')[0] ?? '')
		if (!match) return refuse(socket, 404, 'Not Found', 'bad_path')
		const address = req.socket.remoteAddress ?? 'unknown'
		const early = caps.refusesEarly(address)
		if (early) return refuseForCap(socket, early)
		if (req.headers.origin !== ownOrigin(req, options.publicOrigin)) {
			return refuse(socket, 403, 'Forbidden', 'cross_origin')
		}
		const token = readCookie(req.headers.cookie, SESSION_COOKIE)
		const session = token ? validateSessionToken(db, token) : null
		if (!session) return refuse(socket, 401, 'Unauthorized', 'signed_out')
		const held = caps.hold({ sessionId: session.session.id, userId: session.user.id, address }, socket)
		if (held === 'total' || held === 'address') return refuseForCap(socket, held)
		if (held) {
			metrics.rejections.inc({ reason: `too_many_sockets_${held}` })
			return wss.handleUpgrade(req, socket, head, closeAtOnce)
		}
		const sectionId = match[1] as string
		const decision = decideSectionAccess(db, session.user, sectionId)
		if (!decision || decision.access === 'none' || !decision.role)
			return refuse(socket, 404, 'Not Found', 'no_access')
		const person = presenceUser(
			session.user,
			getOrganizationName(db, session.user.organizationId),
			decision.role,
		)
		wss.handleUpgrade(req, socket, head, (ws) => {
			collab.accept(ws, socket, {
				userId: session.user.id,
				isAdmin: session.user.isAdmin,
				sessionId: session.session.id,
				sectionId,
				access: textAccessOf(decision.access),
				readOnlyReason: decision.readOnlyReason,
				person,
			})
		})
	}
	return { handle, close: () => wss.close() }
}

/**
 * A socket past its session's or person's cap: the handshake completes only so that the browser
 * can read why (a refused upgrade looks like a network error to it), and it is gone within a second.
 */
function closeAtOnce(ws: WebSocket): void {
	ws.close(CLOSE_CODES.TOO_MANY_SOCKETS, 'too many sockets')
	setTimeout(() => ws.terminate(), 1_000).unref()
}
