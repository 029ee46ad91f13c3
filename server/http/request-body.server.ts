import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Request, RequestHandler, Response } from 'express'
import { ACCEPTED_BODY_TYPE, bodyLimitFor } from './body-limits.server.ts'
import { refusalPage } from './refusal-page.server.ts'

/** Methods whose body nothing of ours reads: only their size is bounded, not their type. */
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Reads every request body into memory before any route sees it, never more than the route's limit
 * (`body-limits.server.ts`), and hands it on as `req.body` (a Buffer; empty when there was none),
 * which the React Router adapter turns into the `Request`'s body.
 *
 * - A `Content-Length` over the limit is answered 413 at once, before a byte of the body is read.
 * - A chunked body (or any body) is counted as it arrives; the moment it passes the limit, reading
 *   stops, the chunks so far are dropped and the answer is 413. So at most `limit` bytes per
 *   request are ever held, whatever the client claims.
 * - A body of another type than a URL-encoded form (JSON, multipart, text/plain, none given) is
 *   answered 415 without being read: no action of ours can parse it, and `request.formData()`
 *   would throw (a 500) or buffer files.
 * Refusals close the connection (after LINGER_MS), so the rest of an oversized upload is not parsed.
 */
export function boundedRequestBody(): RequestHandler {
	return (req, res, next) => {
		const limit = bodyLimitFor(req.path).bytes
		const declared = declaredLength(req)
		if (declared === 0) {
			req.body = Buffer.alloc(0)
			// An empty body is an empty form whatever its type: `formData()` needs the type to say so.
			if (!BODILESS_METHODS.has(req.method)) req.headers['content-type'] = ACCEPTED_BODY_TYPE
			return next()
		}
		if (!BODILESS_METHODS.has(req.method) && !isUrlEncodedForm(req)) {
			return refuse(req, res, 415, {
				title: 'This kind of form is not accepted',
				message: `Convene's forms are sent as ${ACCEPTED_BODY_TYPE}; this request was ${req.get('content-type')?.slice(0, 80) || 'of no stated type'}. Send it from the form's page in Convene instead.`,
			})
		}
		if (declared !== null && declared > limit) return refuseTooLarge(req, res, limit)
		readBounded(req, limit).then(
			(body) => {
				if (body === null) return refuseTooLarge(req, res, limit)
				req.body = body
				next()
			},
			// The client went away mid-body: there is no one to answer.
			() => req.socket.destroy(),
		)
	}
}

/** The declared body length: a number, 0 for no body at all, null when chunked (unknown). */
function declaredLength(req: IncomingMessage): number | null {
	const header = req.headers['content-length']
	// Node's parser has already refused a malformed length, or one beside Transfer-Encoding.
	if (header !== undefined) return Number(header)
	return req.headers['transfer-encoding'] ? null : 0
}

function isUrlEncodedForm(req: Request): boolean {
	const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase()
	return type === ACCEPTED_BODY_TYPE
}

/** The whole body, or null as soon as it passes `limit` bytes (reading stops there). */
function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = []
		let size = 0
		const stop = () => {
			req.off('data', onData)
			req.off('end', onEnd)
			req.off('error', onError)
			req.off('close', onClose)
		}
		const onData = (chunk: Buffer) => {
			size += chunk.byteLength
			if (size > limit) {
				stop()
				req.pause()
				chunks.length = 0
				resolve(null)
				return
			}
			chunks.push(chunk)
		}
		const onEnd = () => {
			stop()
			resolve(Buffer.concat(chunks, size))
		}
		const onError = (error: Error) => {
			stop()
			reject(error)
		}
		const onClose = () => {
			stop()
			reject(new Error('the request closed before its body ended'))
		}
		req.on('data', onData)
		req.on('end', onEnd)
		req.on('error', onError)
		req.on('close', onClose)
	})
}

function refuseTooLarge(req: Request, res: Response, limit: number) {
	refuse(req, res, 413, {
		title: 'This form is too large to send',
		message: `Convene accepts at most ${formatBytes(limit)} here, and this request was larger, so nothing was saved. Shorten the longest field and send it again.`,
	})
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} bytes`
}

/**
 * How long a refused connection stays open after its answer. Closing a socket with unread bytes
 * makes the kernel send a reset, and a reset that arrives before the client has read the answer
 * wipes it out: the browser would show "connection reset" instead of the page. So the answer goes
 * out with `Connection: close`, the socket is half-closed after it, and torn down this much later.
 * Meanwhile the over-limit body is not read (the TCP window closes on the sender), and a body never
 * started is at most discarded by Node for this long: never buffered.
 */
const LINGER_MS = 1000

/**
 * Answers and closes the connection: the unread rest of the body is never parsed. A browser's form
 * post gets a page; a script (and React Router's own `.data` fetches, whose error boundary shows
 * the text) gets the sentence as plain text.
 */
function refuse(req: Request, res: Response, status: 413 | 415, text: { title: string; message: string }) {
	lingerBeforeClosing(req.socket)
	res.status(status).set('Connection', 'close').set('Cache-Control', 'no-store')
	const wantsPage = !req.path.endsWith('.data') && /\btext\/html\b/.test(req.get('accept') ?? '')
	if (wantsPage) {
		res.type('html').send(refusalPage(text))
	} else {
		res.type('text/plain').send(text.message)
	}
}

/**
 * Node ends a `Connection: close` response's socket with `destroySoon()`: end, then destroy as
 * soon as the answer is flushed. This socket is ended the same way but destroyed LINGER_MS later.
 */
function lingerBeforeClosing(socket: Socket) {
	Object.assign(socket, {
		destroySoon() {
			socket.end()
			setTimeout(() => socket.destroy(), LINGER_MS).unref()
		},
	})
}
