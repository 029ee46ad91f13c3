import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { binaryFrame } from '#server/collab/frame.server.ts'

// A server that writes `binaryFrame`s straight to the upgraded socket, as the collaboration
// server does, read by a stock ws client: each length class of the header (7-bit, 16-bit, 64-bit).
let server: http.Server
let url: string
const SIZES = [0, 1, 125, 126, 65_535, 65_536, 300_000]

beforeAll(async () => {
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
	server = http.createServer()
	server.on('upgrade', (request, socket, head) =>
		wss.handleUpgrade(request, socket, head, () => {
			for (const size of SIZES) socket.write(binaryFrame(pattern(size)))
		}),
	)
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function pattern(size: number): Uint8Array {
	return Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff)
}

test('a stock client reads every frame whole, as binary, in order', async () => {
	const client = new WebSocket(url)
	const received: Buffer[] = []
	await new Promise<void>((resolve, reject) => {
		client.on('error', reject)
		client.on('message', (data: Buffer, isBinary) => {
			expect(isBinary).toBe(true)
			received.push(data)
			if (received.length === SIZES.length) resolve()
		})
	})
	client.terminate()
	expect(received.map((data) => data.byteLength)).toEqual(SIZES)
	for (const [i, size] of SIZES.entries()) expect(received[i]?.equals(pattern(size))).toBe(true)
})
