import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from '../logger.server.ts'

/** Writes a plain HTTP refusal on a socket that asked to upgrade, then destroys it. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string) {
	if (socket.writable) {
		socket.write(
			`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
		)
	}
	socket.destroy()
}

/**
 * The `upgrade` listener. `/collab/:sectionId` belongs to the collaboration server; in development
 * every other socket is left alone for Vite's HMR listener on the same server; in production an
 * unknown upgrade is refused so no socket lingers.
 */
export function createUpgradeHandler(options: {
	development: boolean
	logger: Logger
	collab?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
}) {
	return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/'
		if (path.startsWith('/collab/')) {
			// Node removes its own error handling before emitting 'upgrade': without this listener a
			// reset from the client would throw and take the process down.
			socket.on('error', (error) => options.logger.debug({ err: error }, 'upgrade socket error'))
			if (options.collab) return options.collab(req, socket, head)
			return refuseUpgrade(socket, 503, 'Service Unavailable')
		}
		if (options.development) return
		socket.on('error', () => {})
		refuseUpgrade(socket, 404, 'Not Found')
	}
}
