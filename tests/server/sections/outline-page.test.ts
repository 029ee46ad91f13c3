import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { handleOutlineAction } from '#app/routes/document.server.ts'
import { sections, users } from '#db/schema/index.ts'
import type { CollabFacade } from '#server/context.server.ts'
import { removeSection } from '#server/sections/outline.server.ts'
import { getOutlinePage } from '#server/sections/outline-page.server.ts'
import type { TaskForceRequest } from '#server/task-forces/access.server.ts'
import { standingIn } from '#server/task-forces/membership.server.ts'
import { getTaskForce } from '#server/task-forces/task-forces.server.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const AT = new Date('2026-12-10T15:00:00Z')

/** A collaboration server stand-in that reports who is in which section. */
function collabWith(present: Record<string, string[]>): CollabFacade {
	return {
		presence: (ids) =>
			Object.fromEntries(ids.filter((id) => present[id]).map((id) => [id, present[id] ?? []])),
		applyServerUpdate: () => false,
		changeDocument: () => null,
		flush: () => {},
		accessChanged: () => {},
	}
}

function setting(role: 'co_chair' | 'member' = 'co_chair') {
	const { db } = createTempDatabase()
	const outline = createOutline(db, { role })
	const viewer = db.select().from(users).where(eq(users.id, outline.user.id)).get()
	const taskForce = getTaskForce(db, outline.taskForce.slug)
	const { membership, state } = standingIn(db, outline.taskForce.id, outline.user.id)
	if (!viewer || !taskForce || !membership) throw new Error('setting incomplete')
	const access: TaskForceRequest = { viewer: { ...viewer, sessionId: 'test' }, taskForce, membership, state }
	return { db, ...outline, access }
}

describe('the outline page', () => {
	test('shows who is in each section right now, by name', () => {
		const { db, document, sections: rows, access } = setting()
		const ana = createUser(db, { name: 'Ana Ruiz' })
		const ben = createUser(db, { name: 'Ben Okafor' })
		const page = getOutlinePage(
			db,
			collabWith({ [nth(rows, 1).id]: [ben.id, ana.id] }),
			access,
			document.id,
			AT,
		)
		expect(page.sections.map((section) => section.here)).toEqual([[], ['Ana Ruiz', 'Ben Okafor'], []])
	})

	test('numbers sections in reading order and lists removed ones only for co-chairs', () => {
		const chair = setting()
		removeSection(chair.db, chair.actor, chair.document.id, nth(chair.sections, 0).id, AT.getTime(), live)
		const page = getOutlinePage(chair.db, collabWith({}), chair.access, chair.document.id, AT)
		expect(page.sections.map((section) => [section.number, section.title])).toEqual([
			[1, 'Section 2'],
			[2, 'Section 3'],
		])
		expect(page.manage).toBe(true)
		expect(page.removed.map((section) => section.title)).toEqual(['Section 1'])

		const member = setting('member')
		const memberPage = getOutlinePage(member.db, collabWith({}), member.access, member.document.id, AT)
		expect(memberPage.manage).toBe(false)
		expect(memberPage.removed).toEqual([])
		expect(memberPage.sections.every((section) => section.moves.length === 0)).toBe(true)
	})
})

describe('the page action', () => {
	function submit(fields: Record<string, string>, role: 'co_chair' | 'member' = 'co_chair') {
		const context = setting(role)
		const form = new FormData()
		for (const [key, value] of Object.entries(fields)) form.set(key, value)
		const run = () =>
			statusAndBody(handleOutlineAction(context.db, context.access, context.document.id, form, AT, live))
		return { ...context, run }
	}

	test('refuses a bad section with messages next to each field', () => {
		const { run } = submit({
			intent: 'add',
			title: 'x'.repeat(10_000),
			targetWords: '-5',
			dueOn: '2030-01-01',
		})
		const outcome = run()
		expect(outcome.status).toBe(400)
		expect(outcome.body.result?.error).toMatchObject({
			title: ['Use at most 200 characters (this has 10,000).'],
			targetWords: [expect.stringContaining('from 0 to 100,000')],
			dueOn: [expect.stringContaining('Sep 1, 2026')],
		})
	})

	test('an empty title is refused', () => {
		const outcome = submit({ intent: 'add', title: '   ' }).run()
		expect(outcome.status).toBe(400)
		expect(outcome.body.result?.error).toMatchObject({ title: ['Enter a title.'] })
	})

	test('a member may not add sections', () => {
		const { run } = submit({ intent: 'add', title: 'Glossary' }, 'member')
		expect(run).toThrowError(expect.objectContaining({ status: 403 }))
	})

	test('a good section is added and the answer names it', () => {
		const { run, db, document } = submit({ intent: 'add', title: 'Glossary', targetWords: '800' })
		expect(run()).toMatchObject({ status: 200, body: { notice: '“Glossary” was added as section 4.' } })
		expect(
			db.select({ title: sections.title }).from(sections).where(eq(sections.documentId, document.id)).all(),
		).toHaveLength(4)
	})
})

/** An action's answer as the browser gets it: the status, and the reply. */
function statusAndBody<Reply>(answer: Reply | { data: Reply; init: ResponseInit | null }) {
	if (answer && typeof answer === 'object' && 'init' in answer && 'data' in answer)
		return { status: answer.init?.status ?? 200, body: answer.data }
	return { status: 200, body: answer as Reply }
}
