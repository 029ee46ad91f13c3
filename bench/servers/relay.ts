import http from 'node:http'
import { type WebSocket, WebSocketServer } from 'ws'

/**
 * The ceiling: a plain `ws` server that forwards each frame to the other sockets of its room —
 * no CRDT, no storage, no auth. Whatever Convene costs beyond this is the price of its guarantees.
 */
const port = Number(process.env.PORT)
const rooms = new Map<string, Set<WebSocket>>()
const server = http.createServer((_request, response) => response.end('relay'))
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 })

wss.on('connection', (ws, request) => {
	const name = request.url ?? '/'
	let room = rooms.get(name)
	if (!room) {
		room = new Set()
		rooms.set(name, room)
	}
	const peers = room
	peers.add(ws)
	ws.on('message', (data: Buffer) => {
		for (const peer of peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data)
	})
	ws.on('close', () => peers.delete(ws))
	ws.on('error', () => {})
})

server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`))
