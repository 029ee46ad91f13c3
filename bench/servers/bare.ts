import http from 'node:http'

/**
 * A bare `node:http` server: what one Node process can answer at most on this machine. It says
 * "hello world", or, with BARE_BODY_BYTES, a body of that many bytes — the ceiling for any page of
 * that size, whatever renders it.
 */
const port = Number(process.env.PORT)
const size = Number(process.env.BARE_BODY_BYTES ?? 0)
const body = size > 0 ? Buffer.alloc(size, 'x') : Buffer.from('hello world')
const type = size > 0 ? 'text/html; charset=utf-8' : 'text/plain'
http
	.createServer((_request, response) => {
		response.writeHead(200, { 'Content-Type': type })
		response.end(body)
	})
	.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`))
