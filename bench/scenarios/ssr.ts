import { gzipSync } from 'node:zlib'
import { runJsonChild } from '../lib/child-json.ts'
import { type Running, removeData, sectionId, signIn, startServer } from '../lib/servers.ts'
import type { HttpLoadConfig, HttpLoadResult } from '../load/http.ts'
import { measureWebVitals, type WebVitalsResult } from './web-vitals.ts'

export type SsrResult = {
	connections: number
	durationS: number
	bare: HttpLoadResult
	/** The dashboard's pass with the median requests/s (its p99 is the one quoted). */
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
	/**
	 * The framework ceiling (bench/servers/framework.ts): Convene's whole stack rendering the same
	 * dashboard with every loader and middleware answered from memory — no session, no query. The
	 * pass with the median requests/s.
	 */
	framework?: HttpLoadResult
	/** Dashboard and framework ceiling measured back to back, alternating which goes first. */
	passes?: Array<{ dashboard: HttpLoadResult; framework: HttpLoadResult }>
	/** Median over the passes of dashboard requests/s ÷ the framework ceiling's. */
	ratioVsFramework?: number
	/** Dashboard requests/s over the bare server's. */
	ratioVsBare: number
	/**
	 * JavaScript a first visit can load (gzip): module scripts, preloads and every chunk they import,
	 * statically or lazily — for the section page that includes the editor and its extensions.
	 */
	jsGzipBytes: { dashboard: number; editor: number }
	/** Largest Contentful Paint and Total Blocking Time on a throttled phone profile. */
	webVitals?: WebVitalsResult
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

/**
 * Gzip bytes of the JavaScript a page can load: the module scripts and preloads its HTML names, and
 * every chunk those import, statically (`from "./x.js"`) or lazily (`import("./x.js")`), followed
 * to the end.
 */
async function javascriptBytes(origin: string, pathName: string, cookie: string): Promise<number> {
	const html = await (await fetch(`${origin}${pathName}`, { headers: { cookie } })).text()
	const queue: string[] = []
	for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g))
		queue.push(new URL(match[1] as string, origin).href)
	for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g))
		queue.push(new URL(match[1] as string, origin).href)
	for (const match of html.matchAll(/import\(?\s*"(\/assets\/[^"]+\.js)"/g))
		queue.push(new URL(match[1] as string, origin).href)
	const seen = new Set<string>()
	let total = 0
	while (queue.length > 0) {
		const url = queue.pop() as string
		if (seen.has(url)) continue
		seen.add(url)
		const body = new Uint8Array(await (await fetch(url)).arrayBuffer())
		total += gzipSync(body).byteLength
		const text = new TextDecoder().decode(body)
		// Rollup writes static imports with "…" and lazy ones as import(`…`).
		for (const match of text.matchAll(
			/(?:from\s*|import\s*\(\s*|import\s*)["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g,
		))
			queue.push(new URL(match[1] as string, url).href)
	}
	return total
}

/** Sessions for `connections` clients, spread over the demo's members. */
async function sessions(origin: string, connections: number): Promise<string[]> {
	const accounts = ['cochair', 'lead', 'writer', 'writer2', 'observer']
	const cookies: string[] = []
	for (let i = 0; i < connections; i++) {
		cookies.push(await signIn(origin, `${accounts[i % accounts.length]}@demo.test`))
	}
	return cookies
}

/** The element of `items` whose `by` is the median (the lower one of an even count). */
function medianBy<T>(items: T[], by: (item: T) => number): T {
	return [...items].sort((a, b) => by(a) - by(b))[Math.floor((items.length - 1) / 2)] as T
}

/**
 * Pages under load: the dashboard and the timeline of the demo task force, each with
 * `connections` signed-in clients (one session each, spread over the demo's members); the
 * dashboard against the framework ceiling in `passes` alternating passes; beside them a bare
 * `node:http` hello-world measured the same way in the same run — and, to show what a page of that
 * size can reach at all, `node:http` and Express 5 + helmet sending the dashboard's byte count.
 */
export async function runSsr(
	convene: Running,
	options: { connections: number; durationS: number; passes: number; vitalsRuns: number },
): Promise<SsrResult> {
	const load = { connections: options.connections, durationS: options.durationS }
	const cookies = await sessions(convene.origin, options.connections)
	const dashboardUrl = `${convene.origin}/t/genai`
	const dashboardBytes = Buffer.byteLength(
		await (await fetch(dashboardUrl, { headers: { cookie: cookies[0] as string } })).text(),
	)
	const bare = await measureServer('bare', 0, cookies, load)
	const barePage = await measureServer('bare', dashboardBytes, cookies, load)
	const expressPage = await measureServer('express', dashboardBytes, cookies, load)

	const framework = await startServer('framework')
	const passes: Array<{ dashboard: HttpLoadResult; framework: HttpLoadResult }> = []
	try {
		const frameworkCookies = await sessions(framework.origin, options.connections)
		const frameworkUrl = `${framework.origin}/t/genai`
		// The first signed-in request fills the ceiling's memory; it must render the same page.
		const ceilingPage = await (
			await fetch(frameworkUrl, { headers: { cookie: frameworkCookies[0] as string } })
		).text()
		if (Math.abs(Buffer.byteLength(ceilingPage) - dashboardBytes) > dashboardBytes * 0.05)
			throw new Error(
				`the framework ceiling rendered ${Buffer.byteLength(ceilingPage)} bytes, not ~${dashboardBytes}`,
			)
		for (let pass = 0; pass < options.passes; pass++) {
			const measureDashboard = () => httpLoad({ url: dashboardUrl, cookies, ...load })
			const measureCeiling = () => httpLoad({ url: frameworkUrl, cookies: frameworkCookies, ...load })
			if (pass % 2 === 0) {
				const ceiling = await measureCeiling()
				passes.push({ framework: ceiling, dashboard: await measureDashboard() })
			} else {
				const dashboard = await measureDashboard()
				passes.push({ dashboard, framework: await measureCeiling() })
			}
		}
	} finally {
		await framework.stop()
		removeData(framework)
	}
	const timeline = await httpLoad({ url: `${convene.origin}/t/genai/timeline`, ...load, cookies })
	const section = sectionId(convene.dataPath as string)
	const sectionPath = `/t/genai/sections/${section}`
	const ratios = passes.map((pass) => pass.dashboard.rps / pass.framework.rps)
	const dashboard = medianBy(
		passes.map((pass) => pass.dashboard),
		(result) => result.rps,
	)
	return {
		...load,
		bare,
		dashboard,
		timeline,
		dashboardBytes,
		barePage,
		expressPage,
		framework: medianBy(
			passes.map((pass) => pass.framework),
			(result) => result.rps,
		),
		passes,
		ratioVsFramework: medianBy(ratios, (ratio) => ratio),
		ratioVsBare: dashboard.rps / bare.rps,
		jsGzipBytes: {
			dashboard: await javascriptBytes(convene.origin, '/t/genai', cookies[0] as string),
			editor: await javascriptBytes(convene.origin, sectionPath, cookies[0] as string),
		},
		webVitals: await measureWebVitals(
			convene.origin,
			[
				{ page: 'dashboard', path: '/t/genai', email: 'cochair@demo.test' },
				{ page: 'section', path: sectionPath, email: 'cochair@demo.test' },
			],
			{ runs: options.vitalsRuns },
		),
	}
}
