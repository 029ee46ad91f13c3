import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** Asks the server to upgrade `path` to a WebSocket and returns the HTTP status it answers with. */
function upgradeStatus(origin: string, pathname: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.request(`${origin}${pathname}`, {
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
			},
		})
		request.on('response', (response) => {
			response.resume()
			resolve(response.statusCode ?? 0)
		})
		request.on('upgrade', () => reject(new Error('the server accepted the upgrade')))
		request.on('error', reject)
		request.end()
	})
}

describe('the production server', () => {
	let server: RunningServer
	beforeAll(async () => {
		server = await startServer()
	})
	afterAll(async () => {
		await server?.stop()
	})

	test('answers /healthz with status ok while the database answers', async () => {
		const response = await fetch(`${server.origin}/healthz`)
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ status: 'ok' })
	})

	test('sends security headers: CSP limited to our origin and our WebSocket, nosniff, no framing', async () => {
		const response = await fetch(`${server.origin}/login`)
		const csp = response.headers.get('content-security-policy') ?? ''
		expect(csp).toContain("default-src 'self'")
		expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
		expect(csp).toContain(`connect-src 'self' ${server.origin.replace('http', 'ws')}`)
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).not.toContain('unsafe-eval')
		expect(response.headers.get('x-content-type-options')).toBe('nosniff')
		expect(response.headers.get('x-frame-options')).toBe('DENY')
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
		expect(response.headers.get('x-powered-by')).toBeNull()
	})

	test('gives every request an id, returned to the client and written in a JSON log line', async () => {
		const response = await fetch(`${server.origin}/healthz`)
		const id = response.headers.get('x-request-id')
		expect(id).toMatch(/^[\w-]{8,64}$/)
		await new Promise((resolve) => setTimeout(resolve, 100))
		const line = server
			.output()
			.split('\n')
			.find((entry) => entry.includes(id ?? 'none'))
		expect(JSON.parse(line ?? '{}')).toMatchObject({
			req: { id, method: 'GET', url: '/healthz' },
			res: { statusCode: 200 },
		})
	})

	test('serves hashed assets with a year-long immutable cache', async () => {
		const html = await (await fetch(`${server.origin}/login`)).text()
		const asset = html.match(/\/assets\/[\w.-]+\.css/)?.[0]
		expect(asset).toBeDefined()
		const response = await fetch(`${server.origin}${asset}`)
		expect(response.status).toBe(200)
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
	})

	test('sends scripts and styles compressed as the browser accepts, and pages never (ADR 012)', async () => {
		const html = await (await fetch(`${server.origin}/login`)).text()
		const script = html.match(/\/assets\/entry\.client-[\w-]+\.js/)?.[0] as string
		expect(script).toBeDefined()
		const raw = Buffer.from(
			await (
				await fetch(`${server.origin}${script}`, { headers: { 'Accept-Encoding': 'identity' } })
			).arrayBuffer(),
		)
		for (const encoding of ['br', 'gzip']) {
			const response = await fetch(`${server.origin}${script}`, { headers: { 'Accept-Encoding': encoding } })
			expect(response.headers.get('content-encoding'), encoding).toBe(encoding)
			expect(response.headers.get('vary')).toContain('Accept-Encoding')
			// fetch decodes it: the same bytes as the file.
			expect(Buffer.from(await response.arrayBuffer()).equals(raw), encoding).toBe(true)
		}
		const page = await fetch(`${server.origin}/login`, { headers: { 'Accept-Encoding': 'br, gzip' } })
		expect(page.headers.get('content-encoding')).toBeNull()
	})

	test('serves the files at the top of the build (the favicon) for an hour by their exact path', async () => {
		const favicon = await fetch(`${server.origin}/favicon.svg`)
		expect(favicon.status).toBe(200)
		expect(favicon.headers.get('content-type')).toBe('image/svg+xml')
		expect(favicon.headers.get('cache-control')).toBe('public, max-age=3600')
		// Another path is the app's, even one that starts like the file's.
		expect((await fetch(`${server.origin}/favicon.svg/`)).status).toBe(404)
	})

	test('shows a friendly 404 page, without a stack trace, for an unknown address', async () => {
		const response = await fetch(`${server.origin}/no/such/page`)
		expect(response.status).toBe(404)
		const html = await response.text()
		expect(html).toContain('Page not found')
		expect(html).not.toMatch(/at .+\.(js|ts):\d+/)
	})

	test('a task force that does not exist, and one the person is not in, are both 404', async () => {
		const admin = await signIn(server.origin, 'admin@demo.test')
		expect((await get(server.origin, '/t/no-such-task-force', admin)).status).toBe(404)
		expect((await get(server.origin, '/t/genai', admin)).status).toBe(404)
		expect((await get(server.origin, '/t/genai/members', admin)).status).toBe(404)
	})

	test('refuses upgrades to unknown paths, and anonymous ones to /collab, before a socket exists', async () => {
		expect(await upgradeStatus(server.origin, '/somewhere')).toBe(404)
		expect(await upgradeStatus(server.origin, '/collab/some-section')).toBe(403) // no Origin header
		const response = await fetch(`${server.origin}/healthz`)
		expect(response.status).toBe(200)
	})
})

test('every file the server bundle loads by URL (worker threads) is in the build beside it', () => {
	const serverBuild = path.join(ROOT, 'build/server')
	const bundles = readdirSync(serverBuild, { recursive: true, encoding: 'utf8' }).filter((file) =>
		file.endsWith('.js'),
	)
	const references = bundles.flatMap((bundle) =>
		[
			...readFileSync(path.join(serverBuild, bundle), 'utf8').matchAll(
				/new URL\(["'](\.[^"']+)["'], import\.meta\.url\)/g,
			),
		].map((match) => path.join(serverBuild, path.dirname(bundle), match[1] as string)),
	)
	expect(references.map((file) => path.basename(file))).toContain('load-back-worker.mjs')
	expect(references.map((file) => path.basename(file))).toContain('section-load-worker.mjs')
	expect(references.filter((file) => !existsSync(file))).toEqual([])
	// What a copied worker loads by URL itself (the section loader's TypeScript, run under tsx).
	const onward = references
		.filter((file) => file.endsWith('.mjs'))
		.flatMap((worker) =>
			[...readFileSync(worker, 'utf8').matchAll(/new URL\(["'](\.[^"']+)["'], import\.meta\.url\)/g)].map(
				(match) => path.join(path.dirname(worker), match[1] as string),
			),
		)
	expect(onward.map((file) => path.basename(file))).toContain('section-load-worker.server.ts')
	expect(onward.filter((file) => !existsSync(file))).toEqual([])
})

test('SIGTERM lets a request in flight finish, then exits 0', async () => {
	const server = await startServer()
	const { port } = new URL(server.origin)
	const answered = new Promise<number>((resolve, reject) => {
		const request = http.request({
			port,
			path: '/login',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin },
		})
		request.on('response', (response) => {
			response.resume()
			resolve(response.statusCode ?? 0)
		})
		request.on('error', reject)
		request.write('email=cochair%40demo.test')
		setTimeout(() => {
			server.process.kill('SIGTERM')
			setTimeout(() => request.end('&password=x'), 300)
		}, 200)
	})
	const status = await answered
	expect(status).toBeGreaterThanOrEqual(200)
	expect(status).toBeLessThan(600)
	const exitCode = await new Promise<number | null>((resolve) =>
		server.process.exitCode !== null
			? resolve(server.process.exitCode)
			: server.process.once('exit', resolve),
	)
	expect(exitCode).toBe(0)
	expect(server.output()).toContain('"msg":"stopped"')
	await server.stop()
})

test('CONVENE_SEED=none starts with an empty database and no demo', async () => {
	const server = await startServer({ CONVENE_SEED: 'none' })
	try {
		const signInAttempt = await postForm(server.origin, '/login', {
			email: 'cochair@demo.test',
			password: 'demo-password',
		})
		expect(signInAttempt.status).toBe(400)
		expect((await get(server.origin, '/t/genai')).headers.get('location')).toBe(
			'/login?redirectTo=%2Ft%2Fgenai',
		)
	} finally {
		await server.stop()
	}
})

test('a bad configuration value stops the start with a message naming it', () => {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: 'abc', NODE_ENV: 'production' },
		encoding: 'utf8',
		timeout: 30_000,
	})
	expect(run.status).toBe(1)
	expect(run.stderr).toContain('Convene cannot start: bad configuration.')
	expect(run.stderr).toContain('PORT must be a whole number between 1 and 65535 (got "abc")')
})
