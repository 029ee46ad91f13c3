import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, expect, test, vi } from 'vitest'
import { LIMITS } from '#server/collab/limits.server.ts'
import { AUTOMATIC_LABEL, BASELINE_LABEL, VersionKeeper } from '#server/collab/version-keeper.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { listSectionVersions, versionDocument } from '#server/sections/section-versions.server.ts'
import { extractText } from '#shared/collab/text.ts'
import { connectCollab } from '../../e2e/collab-client.ts'
import { closeAfterTest, eventually, startCollab } from './collab-harness.ts'

afterEach(() => {
	vi.useRealTimers()
})

type Started = Awaited<ReturnType<typeof startCollab>>

/** A writer's live client, closed after the test. */
async function writer(harness: Started, name: string) {
	const { user, cookie } = harness.signIn('co_chair', { name })
	const client = connectCollab(harness.origin, harness.section.id, cookie)
	closeAfterTest(() => client.destroy())
	await client.synced
	return { user, client }
}

function versions(harness: Started) {
	return listSectionVersions(harness.db, harness.section.id)
}

function versionText(harness: Started, versionId: string): string {
	const doc = versionDocument(harness.db, versionId)
	const text = doc ? extractText(doc) : ''
	doc?.destroy()
	return text
}

test('the first writer to open a section keeps its text as it was; the next writers add nothing', async () => {
	const harness = await startCollab()
	harness.storeLargeText(3)
	const first = await writer(harness, 'Ada Writer')
	await eventually(() => versions(harness).length === 1, 'a version of the text as loaded')
	const [baseline] = versions(harness)
	expect(baseline?.label).toBe(BASELINE_LABEL)
	expect(baseline?.authors).toEqual([])
	expect(versionText(harness, baseline?.id ?? '')).toContain('A public register lists every system')
	await writer(harness, 'Ben Writer')
	await nextTurn()
	expect(versions(harness)).toHaveLength(1)
	first.client.destroy()
})

test('an empty section keeps no version until something is written', async () => {
	const harness = await startCollab()
	const { client } = await writer(harness, 'Ada Writer')
	await nextTurn()
	expect(versions(harness)).toHaveLength(0)
	client.append('The first words.')
	client.destroy()
	await eventually(() => versions(harness).length === 1, 'a version when the last writer leaves')
	expect(versionText(harness, versions(harness)[0]?.id ?? '')).toBe('The first words.')
})

test('when the last writer leaves, a version keeps what everyone changed, naming each of them', async () => {
	const harness = await startCollab()
	harness.storeLargeText(1)
	const ada = await writer(harness, 'Ada Writer')
	const ben = await writer(harness, 'Ben Writer')
	await eventually(() => versions(harness).length === 1, 'the baseline')
	ada.client.append('Ada’s paragraph.')
	ben.client.append('Ben’s paragraph.')
	await eventually(
		() => (harness.collab.rooms.get(harness.section.id)?.unversioned?.authors.size ?? 0) === 2,
		'both edits reach the server',
	)
	ada.client.destroy()
	await new Promise((resolve) => setTimeout(resolve, 100))
	// A writer is still there: no version yet.
	expect(versions(harness)).toHaveLength(1)
	ben.client.destroy()
	await eventually(() => versions(harness).length === 2, 'a version when the last writer leaves')
	const [latest] = versions(harness)
	expect(latest?.label).toBe(AUTOMATIC_LABEL)
	expect(latest?.kind).toBe('auto')
	expect(latest?.authors).toEqual(['Ada Writer', 'Ben Writer'])
	const text = versionText(harness, latest?.id ?? '')
	expect(text).toContain('Ada’s paragraph.')
	expect(text).toContain('Ben’s paragraph.')
})

test('a reader leaving keeps no version, and a change undone before leaving keeps none either', async () => {
	const harness = await startCollab()
	harness.storeLargeText(1)
	const ada = await writer(harness, 'Ada Writer')
	await eventually(() => versions(harness).length === 1, 'the baseline')
	const reader = connectCollab(harness.origin, harness.section.id, harness.signIn('observer').cookie)
	closeAfterTest(() => reader.destroy())
	await reader.synced
	ada.client.append('Typed, then deleted.')
	await eventually(() => reader.text().includes('Typed, then deleted.'), 'the edit arrives')
	const fragment = ada.client.doc.getXmlFragment('default')
	fragment.delete(fragment.length - 1, 1)
	await eventually(() => !reader.text().includes('Typed, then deleted.'), 'the deletion arrives')
	reader.destroy()
	ada.client.destroy()
	await eventually(
		() => harness.collab.rooms.get(harness.section.id)?.unversioned === null,
		'the keeper looked at the text',
	)
	// The text reads as the baseline: nothing new to keep.
	expect(versions(harness)).toHaveLength(1)
})

test('while a section keeps changing, a version at most every 10 minutes', async () => {
	const harness = await startCollab()
	harness.storeLargeText(1)
	const ada = await writer(harness, 'Ada Writer')
	await eventually(() => versions(harness).length === 1, 'the baseline')
	let now = Date.now()
	const keeper = new VersionKeeper({
		db: harness.db,
		logger: createLogger('silent'),
		flush: () => harness.collab.flush(),
		now: () => now,
	})
	const rooms = () => harness.collab.rooms.values()
	ada.client.append('First change.')
	await eventually(() => harness.collab.rooms.get(harness.section.id)?.unversioned != null, 'the change')
	const since = harness.collab.rooms.get(harness.section.id)?.unversioned?.since ?? 0
	now = since + LIMITS.versionEveryMs - 1
	keeper.sweep(rooms())
	expect(versions(harness)).toHaveLength(1)
	now = since + LIMITS.versionEveryMs
	keeper.sweep(rooms())
	expect(versions(harness)).toHaveLength(2)
	// Nothing changed since: the next pass keeps nothing.
	now += LIMITS.versionEveryMs
	keeper.sweep(rooms())
	expect(versions(harness)).toHaveLength(2)
	expect(versions(harness)[0]?.authors).toEqual(['Ada Writer'])
})

test('unloading a changed section keeps a version, and so does stopping the server', async () => {
	const harness = await startCollab()
	harness.storeLargeText(1)
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
	const { collab, section, outline } = harness
	/** A server-made change (as a restore makes) adding a paragraph, by the task force's co-chair. */
	const add = (text: string) =>
		expect(
			collab.applyServerUpdate(section.id, harness.paragraphUpdate(text), { userId: outline.user.id }),
		).toBe(true)
	// Nobody has the section open: no writer leaves, the room unloads after a while.
	add('Kept when the section unloads.')
	await nextTurn()
	expect(versions(harness)).toHaveLength(0)
	vi.advanceTimersByTime(LIMITS.unloadAfterMs)
	expect(collab.rooms.has(section.id)).toBe(false)
	expect(versions(harness)).toHaveLength(1)
	expect(versionText(harness, versions(harness)[0]?.id ?? '')).toContain('Kept when the section unloads.')
	expect(versions(harness)[0]?.authors).toEqual([outline.user.name])

	add('Kept when the server stops.')
	collab.shutdown()
	expect(versions(harness)).toHaveLength(2)
	expect(versionText(harness, versions(harness)[0]?.id ?? '')).toContain('Kept when the server stops.')
})

test('leaving again within a minute stores nothing at once; what it skipped is kept later', async () => {
	const harness = await startCollab()
	harness.storeLargeText(1)
	const first = await writer(harness, 'Ada Writer')
	first.client.append('First visit.')
	first.client.destroy()
	await eventually(() => versions(harness).length === 2, 'the baseline and the first visit')
	const again = await writer(harness, 'Ada Writer')
	again.client.append('Second visit, a moment later.')
	await eventually(
		() => harness.collab.rooms.get(harness.section.id)?.unversioned != null,
		'the change reaches the server',
	)
	again.client.destroy()
	await eventually(() => harness.collab.rooms.get(harness.section.id)?.conns.size === 0, 'the socket closes')
	await new Promise((resolve) => setTimeout(resolve, 100))
	expect(versions(harness)).toHaveLength(2)
	harness.collab.shutdown()
	expect(versions(harness)).toHaveLength(3)
	expect(versionText(harness, versions(harness)[0]?.id ?? '')).toContain('Second visit, a moment later.')
})
