import { afterAll, beforeAll, expect, test } from 'vitest'
import routes from '#app/routes.ts'
import { get } from './http.ts'
import { flattenRoutes, type RouteEntry } from './routes.ts'
import { type RunningServer, startServer } from './server.ts'

/** Pages anyone may open signed out, and what they answer. */
const PUBLIC: Record<string, number> = {
	'/login': 200,
	// An unknown invitation token: the page explains, with 410.
	'/invite/:token': 410,
	// A personal calendar subscription is opened by calendar programs with its secret token.
	'/calendar/:file': 404,
	// One-click unsubscribe works signed out; an unknown token is a 404 that reveals nothing.
	'/unsubscribe/:token/:kind': 404,
	// A calendar program cannot follow a redirect to sign in, so the task force's feed says 401.
	'/t/:slug/calendar.ics': 401,
	// The header's unread count is fetched by the page's script: signed out, 401 JSON, not a redirect.
	'/inbox/count': 401,
	// The catch-all: an unknown address is a 404 for everyone.
	'/*': 404,
}

let server: RunningServer
beforeAll(async () => {
	server = await startServer()
})
afterAll(async () => {
	await server?.stop()
})

const patterns = flattenRoutes(routes as RouteEntry[])

test('the route list covers the pages of the contract', () => {
	for (const page of [
		'/t/:slug',
		'/t/:slug/timeline',
		'/t/:slug/members',
		'/t/:slug/documents/:documentId',
		'/login',
	]) {
		expect(patterns).toContain(page)
	}
})

test.each(patterns)(
	'signed out, %s sends a person to sign in (or is on the public list)',
	async (pattern) => {
		const url = pattern
			.replace(/:slug/g, 'genai')
			.replace(/:[a-zA-Z]+/g, 'x1y2z3')
			.replace('*', 'no/such/page')
		const response = await get(server.origin, url)
		if (pattern in PUBLIC) {
			expect(response.status).toBe(PUBLIC[pattern])
			return
		}
		expect(response.status, url).toBe(302)
		expect(response.headers.get('location'), url).toMatch(/^\/login(\?redirectTo=.+)?$/)
	},
)
