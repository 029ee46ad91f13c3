import { gzipSync } from 'node:zlib'
import { runJsonChild } from '../lib/child-json.ts'
import { type Running, sectionId, signIn, startServer } from '../lib/servers.ts'
import type { HttpLoadConfig, HttpLoadResult } from '../load/http.ts'

export type SsrResult = {
	connections: number
	durationS: number
	bare: HttpLoadResult
	dashboard: HttpLoadResult
	timeline: HttpLoadResult
	/** Bytes of the dashboard's HTML, as the signed-in co-chair gets it. */
	dashboardBytes: number
	/**
	 * Ceilings for a page of the dashboard's size: `node:http` sending that many bytes, and Express 5
	 * with helmet (Convene's HTTP stack) sending them with nothing behind it.
	 */
	barePage: HttpLoadResult
	expressPage: HttpLoadResult
	/** Dashboard requests/s over the bare server's. */
	ratioVsBare: number
	/** JavaScript a first visit loads (module scripts and preloads), gzip bytes, per page. */
	jsGzipBytes: { dashboard: number; editor: number }
}

/** Starts a calibration server, loads it like the pages, stops it. */
async function measureServer(
	kind: 'bare' | 'express',
	bodyBytes: number,
	cookies: string[],
	options: { connections: number; durationS: number },
): Promise<HttpLoadResult> {
	const server = await startServer(kind, { env: { BARE_BODY_BYTES: String(bodyBytes) } })
	try {
		return await httpLoad({ url: `${server.origin}/`, cookies, ...options })
	} finally {
		await server.stop()
	}
}

/** autocannon in a separate process. */
function httpLoad(config: HttpLoadConfig): Promise<HttpLoadResult> {
	return runJsonChild<HttpLoadResult>('bench/load/http.ts', config, 'autocannon')
}

/** Gzip bytes of the module scripts a page names (entry, route chunks and their preloads). */
async function javascriptBytes(origin: string, pathName: string, cookie: string): Promise<number> {
	const html = await (await fetch(`${origin}${pathName}`, { headers: { cookie } })).text()
	const urls = new Set<string>()
	for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g))
		urls.add(match[1] as string)
	for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g))
		urls.add(match[1] as string)
	for (const match of html.matchAll(/import\(?\s*"(\/assets\/[^"]+\.js)"/g)) urls.add(match[1] as string)
	let total = 0
	for (const url of urls) {
		const body = new Uint8Array(await (await fetch(new URL(url, origin))).arrayBuffer())
		total += gzipSync(body).byteLength
	}
	return total
}

/**
 * Pages under load: the dashboard and the timeline of the demo task force, each with
 * `connections` signed-in clients (one session each, spread over the demo's members), beside a
 * bare `node:http` hello-world measured the same way in the same run — and, to show what a page of
 * that size can reach at all, `node:http` and Express 5 + helmet sending the dashboard's byte count.
 */
export async function runSsr(
	convene: Running,
	options: { connections: number; durationS: number },
): Promise<SsrResult> {
	const accounts = ['cochair', 'lead', 'writer', 'writer2', 'observer']
	const cookies: string[] = []
	for (let i = 0; i < options.connections; i++) {
		cookies.push(await signIn(convene.origin, `${accounts[i % accounts.length]}@demo.test`))
	}
	const dashboardBytes = Buffer.byteLength(
		await (await fetch(`${convene.origin}/t/genai`, { headers: { cookie: cookies[0] as string } })).text(),
	)
	const bare = await measureServer('bare', 0, cookies, options)
	const barePage = await measureServer('bare', dashboardBytes, cookies, options)
	const expressPage = await measureServer('express', dashboardBytes, cookies, options)
	const dashboard = await httpLoad({ url: `${convene.origin}/t/genai`, cookies, ...options })
	const timeline = await httpLoad({ url: `${convene.origin}/t/genai/timeline`, cookies, ...options })
	const section = sectionId(convene.dataPath as string)
	return {
		...options,
		bare,
		dashboard,
		timeline,
		dashboardBytes,
		barePage,
		expressPage,
		ratioVsBare: dashboard.rps / bare.rps,
		jsGzipBytes: {
			dashboard: await javascriptBytes(convene.origin, '/t/genai', cookies[0] as string),
			editor: await javascriptBytes(convene.origin, `/t/genai/sections/${section}`, cookies[0] as string),
		},
	}
}
