import http from 'node:http'

/** A bare `node:http` hello-world: what one Node process can answer at most on this machine. */
const port = Number(process.env.PORT)
http
	.createServer((_request, response) => {
		response.writeHead(200, { 'Content-Type': 'text/plain' })
		response.end('hello world')
	})
	.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`))
