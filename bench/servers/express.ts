import http from 'node:http'
import express from 'express'
import helmet from 'helmet'

/**
 * Convene's HTTP stack with nothing behind it: Express 5 and helmet's headers answering every GET
 * with BARE_BODY_BYTES bytes. The ceiling for a page of that size through our stack, before any
 * session, query or render.
 */
const port = Number(process.env.PORT)
const body = Buffer.alloc(Number(process.env.BARE_BODY_BYTES ?? 11), 'x')
const app = express()
app.disable('x-powered-by')
app.use(helmet())
app.get('/', (_request, response) => {
	response.setHeader('Content-Type', 'text/html; charset=utf-8')
	response.end(body)
})
http.createServer(app).listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`))
