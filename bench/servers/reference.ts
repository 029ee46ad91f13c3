import http from 'node:http'
import { createRequire } from 'node:module'
import { WebSocketServer } from 'ws'

/**
 * The y-websocket reference server (`y-websocket@2.1.0`'s `bin/utils.cjs`, installed as
 * `y-websocket-server-v2`): one Y.Doc per room in memory, every update applied then broadcast.
 * No persistence, no auth: what most Yjs deployments start from.
 */
const require = createRequire(import.meta.url)
const { setupWSConnection } = require('y-websocket-server-v2/bin/utils') as {
	setupWSConnection: (conn: unknown, request: http.IncomingMessage, options?: { docName?: string }) => void
}

const port = Number(process.env.PORT)
const server = http.createServer((_request, response) => response.end('reference'))
const wss = new WebSocketServer({ server, perMessageDeflate: false })
wss.on('connection', (ws, request) => setupWSConnection(ws, request))
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`))
