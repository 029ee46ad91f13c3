import { writeReadableStreamToWritable } from '@react-router/node'
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express'
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from 'react-router'

/**
 * React Router's Express adapter (`@react-router/express` 7.18), with one change: the `Request`'s
 * body is the Buffer that `boundedRequestBody` (request-body.server.ts) has already read within
 * the route's limit, instead of the raw Node stream, so an action's `request.formData()` can never
 * read more than that limit. A request that did not pass through it is a wiring mistake and fails.
 */
export function createExpressHandler(options: {
	build: () => Promise<ServerBuild>
	mode: string
	getLoadContext: (req: ExpressRequest, res: ExpressResponse) => RouterContextProvider
}): RequestHandler {
	const handleRequest = createRequestHandler(options.build, options.mode)
	return async (req, res, next) => {
		try {
			const request = toFetchRequest(req, res)
			const response = await handleRequest(request, options.getLoadContext(req, res))
			await sendResponse(res, response)
		} catch (error) {
			next(error)
		}
	}
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
	const [, forwardedPort] = req.app?.enabled('trust proxy')
		? (req.get('X-Forwarded-Host')?.split(':') ?? [])
		: []
	const [, hostPort] = req.get('host')?.split(':') ?? []
	const port = [forwardedPort, hostPort]
		.map((value) => Number.parseInt(value ?? '', 10))
		.find((value) => Number.isSafeInteger(value))
	const hostname = req.hostname.split(/[\\/?#@]/)[0] || 'localhost'
	const url = new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ''}${req.originalUrl}`)

	let controller: AbortController | null = new AbortController()
	res.on('finish', () => {
		controller = null
	})
	res.on('close', () => controller?.abort())

	const headers = new Headers()
	for (const [key, values] of Object.entries(req.headers)) {
		if (values === undefined) continue
		for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value)
	}
	const init: RequestInit = { method: req.method, headers, signal: controller.signal }
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		if (!Buffer.isBuffer(req.body)) {
			throw new Error('The request body was not read by boundedRequestBody: is it mounted before this?')
		}
		// A copy (at most the route's limit) typed as the fetch API wants it.
		init.body = new Uint8Array(req.body)
	}
	return new Request(url.href, init)
}

async function sendResponse(res: ExpressResponse, response: Response) {
	if (res.destroyed || res.writableEnded) {
		await response.body?.cancel()
		return
	}
	res.statusMessage = response.statusText
	res.status(response.status)
	for (const [key, value] of response.headers.entries()) res.append(key, value)
	if (response.headers.get('Content-Type')?.match(/text\/event-stream/i)) res.flushHeaders()
	if (!response.body) {
		res.end()
		return
	}
	try {
		await writeReadableStreamToWritable(response.body, res)
	} catch (error) {
		if (res.destroyed || res.writableEnded) return
		throw error
	}
}
