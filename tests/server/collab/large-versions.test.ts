import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { sectionVersionAuthors, sectionVersions } from '#db/schema/index.ts'
import { AUTOMATIC_LABEL, BASELINE_LABEL } from '#server/collab/version-keeper.server.ts'
import { versionDocument } from '#server/sections/section-versions.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { connectCollab } from '../../e2e/collab-client.ts'
import { closeAfterTest, eventually, startCollab } from './collab-harness.ts'

// A large section's versions are not encoded on the server's thread: the baseline comes encoded
// from the worker that loaded it, a later version is read, encoded and described by that worker
// from what is stored, and both are written in parts (ADR 014). Real worker, SQLite file, sockets.

/** About 2.2 MB of text: a large section, and a version of it takes the worker a while. */
const LARGE = 8_000

/** A large section, its first writer connected and its baseline kept; the writer adds a line. */
async function largeSectionEditedBy(name: string) {
	const harness = await startCollab()
	harness.storeLargeText(LARGE)
	const person = harness.signIn('co_chair', { name })
	const writer = connectCollab(harness.origin, harness.section.id, person.cookie)
	closeAfterTest(() => writer.destroy())
	await writer.synced
	const labels = () => harness.db.select({ label: sectionVersions.label }).from(sectionVersions).all()
	await eventually(() => labels().some((row) => row.label === BASELINE_LABEL), 'the baseline version')
	writer.append(`${name} was here.`)
	const room = harness.collab.rooms.get(harness.section.id)
	await eventually(() => room?.unversioned !== null, 'the change applied')
	return { ...harness, writer, person, room, labels }
}

const automaticVersion = (harness: Awaited<ReturnType<typeof largeSectionEditedBy>>) =>
	harness.db.select().from(sectionVersions).where(eq(sectionVersions.label, AUTOMATIC_LABEL)).get()

test('a large section’s later version is encoded by the worker from what is stored, and written in parts', async () => {
	const harness = await largeSectionEditedBy('Ada')
	harness.writer.destroy()
	await eventually(
		() => automaticVersion(harness) !== undefined,
		'a version when its last writer left',
		20_000,
	)
	const version = automaticVersion(harness)
	expect(version?.parts).toBeGreaterThan(1)
	expect(
		versionDocument(harness.db, version?.id as string)
			?.getXmlFragment(FRAGMENT_NAME)
			.toString(),
	).toContain('Ada was here.')
	const authors = harness.db
		.select({ userId: sectionVersionAuthors.userId })
		.from(sectionVersionAuthors)
		.where(eq(sectionVersionAuthors.versionId, version?.id as string))
		.all()
	expect(authors).toEqual([{ userId: harness.person.user.id }])
})

test('a server that stops while the worker encodes a version keeps that version before it exits', async () => {
	const harness = await largeSectionEditedBy('Ben')
	harness.writer.destroy()
	// The writer's leaving handed the version to the worker (the room's changes are taken)…
	await eventually(() => harness.room?.unversioned === null, 'the version asked of the worker', 5_000)
	expect(automaticVersion(harness)).toBeUndefined()
	// …and the server stops before the worker answers: the version is kept here, at once.
	harness.collab.shutdown()
	const version = automaticVersion(harness)
	expect(
		versionDocument(harness.db, version?.id as string)
			?.getXmlFragment(FRAGMENT_NAME)
			.toString(),
	).toContain('Ben was here.')
})
