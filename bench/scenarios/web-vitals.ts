/**
 * Largest Contentful Paint and Total Blocking Time of Convene's pages in headless Chromium, on a
 * throttled "mid-range phone on 4G" like Lighthouse's mobile profile:
 *   - network: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (`Network.emulateNetworkConditions`;
 *     Lighthouse's own DevTools throttling adds ×3.75 to the latency to stand for its simulation's
 *     per-connection costs, we apply the plain values, so our numbers are the kinder ones);
 *   - CPU: 4× slower than this machine (`Emulation.setCPUThrottlingRate`);
 *   - screen: 412×823 CSS px at 1.75 device pixels per px, mobile, touch.
 * Method: a signed-in first visit (fresh browser context each run: empty cache, so all JavaScript is
 * downloaded and compiled every run). Before the page's own scripts, an init script observes
 * `largest-contentful-paint` (the last entry is LCP; it stops at the first input, and we give none),
 * `paint` (first-contentful-paint) and `longtask`. We navigate until `load`, then wait until the
 * page is quiet — no long task and no HTTP request in flight for 2 s (at most 15 s) — so lazily
 * loaded code (the section editor) is downloaded, run and counted.
 * TBT is Lighthouse's sum over long tasks of (duration − 50 ms), each task clipped to start at FCP;
 * Lighthouse ends the window at Time to Interactive, we end it at the quiet point, which is close
 * (TTI is also the start of a quiet window of 5 s) and leaves out nothing that runs after load.
 * Each page is measured `runs` times; the medians are reported with the per-run values.
 */
import { type Browser, chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../lib/chromium-args.ts'
import { signIn } from '../lib/servers.ts'

type PageVitals = {
	page: string
	path: string
	lcpMs: number
	tbtMs: number
	fcpMs: number
	longTasks: number
	runs: number
	lcpRunsMs: number[]
	tbtRunsMs: number[]
}

export type WebVitalsResult = {
	profile: { latencyMs: number; downloadKbps: number; uploadKbps: number; cpuSlowdown: number }
	pages: PageVitals[]
}

/** Lighthouse's mobile "slow 4G" and mid-range CPU. Kbps are kibibits per second, as Lighthouse's. */
const PROFILE = { latencyMs: 150, downloadKbps: 1.6 * 1024, uploadKbps: 750, cpuSlowdown: 4 }
const QUIET_MS = 2_000
const QUIET_CAP_MS = 15_000

/** Runs in the page before its scripts (a string: a bundler's helpers must not leak into the page). */
const OBSERVE = `(() => {
	const v = { lcp: 0, fcp: 0, tasks: [] };
	window.__vitals = v;
	const watch = (type, onEntry) => {
		try { new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true }) }
		catch {}
	};
	watch('largest-contentful-paint', (e) => { v.lcp = e.startTime });
	watch('paint', (e) => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime });
	watch('longtask', (e) => { v.tasks.push([e.startTime, e.duration]) });
})()`

type Observed = { lcp: number; fcp: number; tasks: Array<[number, number]>; now: number }

type Run = { lcpMs: number; tbtMs: number; fcpMs: number; longTasks: number }

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	const mid = sorted.length >> 1
	if (sorted.length === 0) return Number.NaN
	return sorted.length % 2
		? (sorted[mid] as number)
		: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const round1 = (value: number) => Math.round(value * 10) / 10

/** One cold, signed-in visit of `url` under the profile. */
async function measureOnce(browser: Browser, url: string, cookie: string): Promise<Run> {
	const separator = cookie.indexOf('=')
	const context = await browser.newContext({
		viewport: { width: 412, height: 823 },
		deviceScaleFactor: 1.75,
		isMobile: true,
		hasTouch: true,
	})
	try {
		await context.addCookies([
			{
				name: cookie.slice(0, separator),
				value: cookie.slice(separator + 1),
				domain: new URL(url).hostname,
				path: '/',
			},
		])
		await context.addInitScript(OBSERVE)
		const page = await context.newPage()
		const cdp = await context.newCDPSession(page)
		await cdp.send('Network.enable')
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: PROFILE.latencyMs,
			downloadThroughput: (PROFILE.downloadKbps * 1024) / 8,
			uploadThroughput: (PROFILE.uploadKbps * 1024) / 8,
		})
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown })

		// HTTP requests in flight (a WebSocket is no request here) and when the last one settled.
		let inFlight = 0
		let networkAt = Date.now()
		const settle = () => {
			inFlight -= 1
			networkAt = Date.now()
		}
		page.on('request', () => {
			inFlight += 1
			networkAt = Date.now()
		})
		page.on('requestfinished', settle)
		page.on('requestfailed', settle)

		const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 })
		if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`)
		if (new URL(page.url()).pathname !== new URL(url).pathname)
			throw new Error(`${url} went to ${page.url()}`)

		const read = () => page.evaluate<Observed>('({ ...window.__vitals, now: performance.now() })')
		const loadedAt = Date.now()
		let observed = await read()
		for (;;) {
			const lastTaskEnd = Math.max(0, ...observed.tasks.map(([start, duration]) => start + duration))
			const cpuQuietMs = observed.now - lastTaskEnd
			const netQuietMs = inFlight > 0 ? 0 : Date.now() - networkAt
			if (Math.min(cpuQuietMs, netQuietMs) >= QUIET_MS || Date.now() - loadedAt > QUIET_CAP_MS) break
			await new Promise((resolve) => setTimeout(resolve, 250))
			observed = await read()
		}

		// Lighthouse's sum of blocking time, each task clipped to start at FCP.
		let tbtMs = 0
		for (const [start, duration] of observed.tasks) {
			const blocking = start + duration - Math.max(start, observed.fcp) - 50
			if (blocking > 0) tbtMs += blocking
		}
		return { lcpMs: observed.lcp, tbtMs, fcpMs: observed.fcp, longTasks: observed.tasks.length }
	} finally {
		await context.close()
	}
}

/**
 * Measures each page `runs` times (default 3) as `email`, signed in with a session cookie, and
 * reports the median LCP, TBT and FCP with the per-run LCP and TBT. Needs a running Convene at `origin`.
 */
export async function measureWebVitals(
	origin: string,
	pages: Array<{ page: string; path: string; email: string }>,
	options: { runs?: number } = {},
): Promise<WebVitalsResult> {
	const runs = options.runs ?? 3
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
	})
	try {
		const results: PageVitals[] = []
		for (const { page, path, email } of pages) {
			const cookie = await signIn(origin, email)
			const measured: Run[] = []
			for (let run = 0; run < runs; run++)
				measured.push(await measureOnce(browser, new URL(path, origin).href, cookie))
			results.push({
				page,
				path,
				lcpMs: round1(median(measured.map((run) => run.lcpMs))),
				tbtMs: round1(median(measured.map((run) => run.tbtMs))),
				fcpMs: round1(median(measured.map((run) => run.fcpMs))),
				longTasks: median(measured.map((run) => run.longTasks)),
				runs,
				lcpRunsMs: measured.map((run) => round1(run.lcpMs)),
				tbtRunsMs: measured.map((run) => round1(run.tbtMs)),
			})
		}
		return { profile: { ...PROFILE }, pages: results }
	} finally {
		await browser.close()
	}
}
