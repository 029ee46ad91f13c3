import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

let server: RunningServer
beforeAll(async () => {
	server = await startServer()
})
afterAll(async () => {
	await server?.stop()
})

function parse(text: string) {
	const root = new ICAL.Component(ICAL.parse(text))
	return { root, events: root.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) }
}

/** Creates a personal link through the account page's form and returns its path. */
async function createLink(cookie: string): Promise<string> {
	const response = await postForm(server.origin, '/account', { intent: 'calendar-create' }, cookie)
	expect(response.status).toBe(200)
	const path = (await response.text()).match(/\/calendar\/[a-z2-7]{32}\.ics/)?.[0]
	if (!path) throw new Error('the account page did not show a subscription link')
	return path
}

describe('the task force calendar', () => {
	test('signed out, it answers 401 in plain text (a calendar program cannot follow a sign-in redirect)', async () => {
		const response = await get(server.origin, '/t/genai/calendar.ics')
		expect(response.status).toBe(401)
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
		expect(response.headers.get('www-authenticate')).toBeNull()
		expect(response.headers.get('location')).toBeNull()
	})

	test('to someone who is not a member it does not exist', async () => {
		const cookie = await signIn(server.origin, 'admin@demo.test')
		expect((await get(server.origin, '/t/genai/calendar.ics', cookie)).status).toBe(404)
	})

	test('a member gets a valid calendar of phases, milestones, publication and their own assignments', async () => {
		const cookie = await signIn(server.origin, 'writer@demo.test')
		const response = await get(server.origin, '/t/genai/calendar.ics', cookie)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('cache-control')).toBe('private, max-age=300')
		const text = await response.text()
		expect(text.endsWith('\r\n')).toBe(true)
		expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
		for (const line of text.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)

		const { root, events } = parse(text)
		expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Generative AI in Local Government (Convene)')
		const kinds = (prefix: string) => events.filter((event) => event.uid.startsWith(prefix))
		expect(kinds('phase-').map((event) => event.summary)).toEqual([
			'Research phase',
			'Writing phase',
			'Editing phase',
			'Publishing phase',
		])
		expect(kinds('milestone-').length).toBe(14)
		expect(kinds('publication-').map((event) => event.summary)).toEqual([
			'Publication: Generative AI in Local Government',
		])
		expect(kinds('assignment-').length).toBeGreaterThan(0)
		for (const event of events) {
			expect(event.startDate.isDate, event.summary).toBe(true)
			expect(event.uid).toMatch(/^[a-z]+-[a-z2-7]+@convene$/)
		}
	})

	test('each member sees only their own assignments', async () => {
		const assignmentUids = async (email: string) => {
			const response = await get(server.origin, '/t/genai/calendar.ics', await signIn(server.origin, email))
			return parse(await response.text())
				.events.map((event) => event.uid)
				.filter((uid) => uid.startsWith('assignment-'))
		}
		const writer = await assignmentUids('writer@demo.test')
		const writer2 = await assignmentUids('writer2@demo.test')
		expect(writer.filter((uid) => writer2.includes(uid))).toEqual([])
		expect(await assignmentUids('observer@demo.test')).toEqual([])
	})
})

describe('the personal subscription', () => {
	test('a link made on the account page works without a session, and stops when revoked', async () => {
		const cookie = await signIn(server.origin, 'writer@demo.test')
		const path = await createLink(cookie)

		const response = await get(server.origin, path)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('cache-control')).toBe('private, max-age=300')
		const { events } = parse(await response.text())
		expect(events.some((event) => event.summary === 'Publication: Generative AI in Local Government')).toBe(
			true,
		)
		expect(events.some((event) => event.uid.startsWith('assignment-'))).toBe(true)

		const revoked = await postForm(server.origin, '/account', { intent: 'calendar-revoke' }, cookie)
		expect(revoked.status).toBe(200)
		expect((await get(server.origin, path)).status).toBe(404)
	})

	test('making a new link ends the old one', async () => {
		const cookie = await signIn(server.origin, 'writer2@demo.test')
		const first = await createLink(cookie)
		const second = await createLink(cookie)
		expect((await get(server.origin, first)).status).toBe(404)
		expect((await get(server.origin, second)).status).toBe(200)
	})

	test('unknown and malformed links answer 404, and no token reaches the request log', async () => {
		expect((await get(server.origin, `/calendar/${'a'.repeat(32)}.ics`)).status).toBe(404)
		expect((await get(server.origin, '/calendar/not-a-token')).status).toBe(404)
		const path = await createLink(await signIn(server.origin, 'lead@demo.test'))
		await get(server.origin, path)
		const token = path.slice('/calendar/'.length, -'.ics'.length)
		expect(server.output()).toContain('/calendar/[redacted]')
		expect(server.output()).not.toContain(token)
	})
})
