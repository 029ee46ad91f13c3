import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { activity } from '#db/schema/index.ts'
import { EXPORT_LIMITS, exportRecords } from '#server/publication/records-export.server.ts'
import { genaiDemo } from '../../support/genai-demo.ts'

const NOW = new Date('2026-11-28T15:00:00Z').getTime()
const MINUTE = 60_000

/** What an export threw: a Response's status, Retry-After and text. */
async function refusalOf(attempt: () => unknown) {
	try {
		attempt()
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		return { status: thrown.status, retryAfter: thrown.headers.get('Retry-After'), text: await thrown.text() }
	}
	return null
}

test('a person exports at most 5 times in ten minutes and a task force 20; a refusal says when, and is not recorded', async () => {
	const { db, taskForce, chair, person } = await genaiDemo(NOW)
	const viewer: { id: string; name: string; organizationId: string | null } = {
		id: chair.id,
		name: chair.name,
		organizationId: null,
	}
	const exportAt = (at: number, who = viewer) =>
		exportRecords(db, { taskForceId: taskForce.id, viewer: who, now: at })
	const exports = () =>
		db
			.select()
			.from(activity)
			.where(and(eq(activity.taskForceId, taskForce.id), eq(activity.verb, 'records.exported')))
			.all().length

	for (let i = 0; i < EXPORT_LIMITS.perPerson; i++)
		expect(exportAt(NOW + i * MINUTE).zip.byteLength).toBeGreaterThan(0)
	expect(await refusalOf(() => exportAt(NOW + 6 * MINUTE))).toEqual({
		status: 429,
		retryAfter: String(4 * 60),
		text: 'You have exported the records 5 times in the last ten minutes. Please try again in 4 minutes.',
	})
	expect(exports()).toBe(EXPORT_LIMITS.perPerson)
	// Ten minutes after the first, one more fits.
	expect(exportAt(NOW + 10 * MINUTE).zip.byteLength).toBeGreaterThan(0)

	// Other people of the task force have their own five, up to twenty among everyone.
	const others = ['lead@demo.test', 'writer@demo.test', 'writer2@demo.test', 'outsider@demo.test']
		.map(person)
		.map((row) => ({ id: row.id, name: row.name, organizationId: row.organizationId }))
	let made = 0
	let refused: Awaited<ReturnType<typeof refusalOf>> = null
	for (const other of others) {
		for (let i = 0; i < EXPORT_LIMITS.perPerson && !refused; i++) {
			refused = await refusalOf(() => exportAt(NOW + 10 * MINUTE, other))
			if (!refused) made++
		}
	}
	// In the window then: the chair's five (1–4 min and 10 min), so the others have fifteen.
	expect(made).toBe(EXPORT_LIMITS.perTaskForce - 5)
	expect(refused).toMatchObject({ status: 429 })
	expect(refused?.text).toMatch(
		/^This task force's records have been exported 20 times in the last ten minutes\./,
	)
})
