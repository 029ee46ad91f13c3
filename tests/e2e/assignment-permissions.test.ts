import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoData, ENGAGEMENT, PROCUREMENT } from './assignment-data.ts'
import { get, postForm, signIn } from './http.ts'
import { type RunningServer, startServer } from './server.ts'

let server: RunningServer
let data: ReturnType<typeof demoData>

beforeAll(async () => {
	server = await startServer()
	data = demoData(server)
})

afterAll(async () => {
	await server?.stop()
})

describe('who may do what, over HTTP', () => {
	test('an observer may read assignments but not open the new form, create, or move one', async () => {
		const cookie = await signIn(server.origin, 'observer@demo.test')
		expect((await get(server.origin, '/t/genai/assignments', cookie)).status).toBe(200)
		expect((await get(server.origin, '/t/genai/assignments/new', cookie)).status).toBe(403)
		const create = await postForm(
			server.origin,
			'/t/genai/assignments/new',
			data.newAssignment(ENGAGEMENT),
			cookie,
		)
		expect(create.status).toBe(403)
		const target = data.openAssignment(ENGAGEMENT)
		const move = await postForm(
			server.origin,
			'/t/genai/assignments?view=board',
			{ intent: 'move', assignmentId: target.id, from: 'todo', status: 'done' },
			cookie,
		)
		expect(move.status).toBe(403)
	})

	test('a member of another subcommittee may read an Engagement assignment but not change it', async () => {
		const cookie = await signIn(server.origin, 'outsider@demo.test')
		const target = data.openAssignment(ENGAGEMENT)
		const page = `/t/genai/assignments/${target.id}`
		expect((await get(server.origin, page, cookie)).status).toBe(200)
		const status = await postForm(
			server.origin,
			page,
			{ intent: 'status', status: 'done', revision: String(target.revision) },
			cookie,
		)
		expect(status.status).toBe(403)
		const save = await postForm(
			server.origin,
			page,
			{ intent: 'save', ...data.newAssignment(ENGAGEMENT), status: 'todo', revision: '0' },
			cookie,
		)
		expect(save.status).toBe(403)
		expect((await postForm(server.origin, page, { intent: 'delete' }, cookie)).status).toBe(403)
	})

	test('someone outside the task force gets 404 for its assignments', async () => {
		const cookie = await signIn(server.origin, 'admin@demo.test')
		const target = data.openAssignment(ENGAGEMENT)
		expect((await get(server.origin, `/t/genai/assignments/${target.id}`, cookie)).status).toBe(404)
		expect((await get(server.origin, '/t/genai/assignments', cookie)).status).toBe(404)
	})

	test('the assignee may change the status only', async () => {
		const cookie = await signIn(server.origin, 'writer@demo.test')
		const target = data.openAssignment(ENGAGEMENT, 'writer@demo.test')
		const page = `/t/genai/assignments/${target.id}`
		const save = await postForm(
			server.origin,
			page,
			{
				intent: 'save',
				...data.newAssignment(ENGAGEMENT, { title: 'Renamed by the writer' }),
				status: 'todo',
				revision: String(target.revision),
			},
			cookie,
		)
		expect(save.status).toBe(403)
		expect((await postForm(server.origin, page, { intent: 'delete' }, cookie)).status).toBe(403)
		const status = await postForm(
			server.origin,
			page,
			{ intent: 'status', status: 'in_progress', revision: String(target.revision) },
			cookie,
		)
		expect(status.status).toBe(303)
		expect(
			data.query<{ status: string; title: string }>(
				'select status, title from assignments where id = ?',
				target.id,
			),
		).toEqual({
			status: 'in_progress',
			title: target.title,
		})
	})

	test('a lead creates assignments in their own subcommittee only', async () => {
		const cookie = await signIn(server.origin, 'lead@demo.test')
		const own = await postForm(
			server.origin,
			'/t/genai/assignments/new',
			data.newAssignment(ENGAGEMENT, { title: 'Lead’s own' }),
			cookie,
		)
		expect(own.status).toBe(303)
		expect(own.headers.get('location')).toMatch(/^\/t\/genai\/assignments\/[a-z2-7]{16}\?notice=created$/)
		const other = await postForm(
			server.origin,
			'/t/genai/assignments/new',
			data.newAssignment(PROCUREMENT, { title: 'Not theirs' }),
			cookie,
		)
		expect(other.status).toBe(403)
		expect(
			data.query<{ n: number }>("select count(*) as n from assignments where title = 'Not theirs'").n,
		).toBe(0)
	})

	test('an assignee outside the subcommittee is refused next to the field, and nothing is created', async () => {
		const cookie = await signIn(server.origin, 'cochair@demo.test')
		const response = await postForm(
			server.origin,
			'/t/genai/assignments/new',
			data.newAssignment(ENGAGEMENT, {
				title: 'Wrong person',
				assigneeId: data.userId('outsider@demo.test'),
			}),
			cookie,
		)
		expect(response.status).toBe(400)
		expect(await response.text()).toContain(`is not a member of ${ENGAGEMENT}`)
		expect(
			data.query<{ n: number }>("select count(*) as n from assignments where title = 'Wrong person'").n,
		).toBe(0)
	})

	test('the second of two co-chairs saving from the same revision is refused with the first one’s name', async () => {
		const first = await signIn(server.origin, 'cochair@demo.test')
		const target = data.openAssignment(PROCUREMENT)
		const page = `/t/genai/assignments/${target.id}`
		const firstName = data.query<{ name: string }>(
			"select name from users where email = 'cochair@demo.test'",
		).name
		const form = (title: string) => ({
			intent: 'save',
			...data.newAssignment(PROCUREMENT, { title }),
			status: 'todo',
			revision: String(target.revision),
		})
		expect((await postForm(server.origin, page, form('First co-chair’s title'), first)).status).toBe(303)
		const secondCookie = await signIn(server.origin, 'cochair@demo.test')
		const second = await postForm(server.origin, page, form('Second co-chair’s title'), secondCookie)
		expect(second.status).toBe(409)
		const html = await second.text()
		expect(html).toContain(`Changed by ${firstName} since you opened it`)
		// The current values are shown, and the refused input is still in the form.
		expect(html).toContain('First co-chair’s title')
		expect(html).toContain('value="Second co-chair’s title"')
		expect(data.query<{ title: string }>('select title from assignments where id = ?', target.id).title).toBe(
			'First co-chair’s title',
		)
	})
})
