import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { activity } from '#db/schema/index.ts'
import { restoreSectionVersion } from '#server/sections/restore-version.server.ts'
import {
	lastStoredSeq,
	listSectionVersions,
	loadStoredDocument,
	storeSectionVersion,
} from '#server/sections/section-versions.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { extractText } from '#shared/collab/text.ts'
import { connectCollab } from '../../e2e/collab-client.ts'
import { createSection } from '../../factories/sections.ts'
import { closeAfterTest, eventually, startCollab } from '../collab/collab-harness.ts'

/** A section with text, a stored version of it, and a writer who then deletes it all. */
async function damagedSection() {
	const harness = await startCollab()
	const { db, section, collab, origin, signIn } = harness
	harness.storeLargeText(2)
	const before = extractText(loadStoredDocument(db, section.id))
	const versionId = db.transaction((tx) =>
		storeSectionVersion(tx, {
			sectionId: section.id,
			kind: 'phase',
			label: 'End of research',
			doc: loadStoredDocument(tx, section.id),
			seq: lastStoredSeq(tx, section.id),
			actorId: null,
			authors: [],
			now: Date.now(),
		}),
	)
	const writer = connectCollab(origin, section.id, signIn('co_chair').cookie)
	closeAfterTest(() => writer.destroy())
	await writer.synced
	const fragment = writer.doc.getXmlFragment(FRAGMENT_NAME)
	fragment.delete(0, fragment.length)
	await eventually(
		() => collab.rooms.get(section.id)?.doc.getXmlFragment(FRAGMENT_NAME).length === 0,
		'the damage reaches the server',
	)
	return { ...harness, before, versionId, writer }
}

/** A signed-in person of the task force, as the policy sees them. */
function person(
	signIn: Awaited<ReturnType<typeof startCollab>>['signIn'],
	role: 'co_chair' | 'observer',
	name?: string,
) {
	const { user } = signIn(role, name ? { name } : {})
	return { id: user.id, isAdmin: false }
}

function restored(db: Awaited<ReturnType<typeof damagedSection>>['db'], sectionId: string) {
	return db
		.select()
		.from(activity)
		.where(and(eq(activity.subjectId, sectionId), eq(activity.verb, 'section.version_restored')))
		.all()
}

test('restoring is committed before it returns, reaches open editors, keeps the text it replaced, and is recorded once', async () => {
	const { db, section, collab, signIn, before, versionId, writer } = await damagedSection()
	const user = person(signIn, 'co_chair', 'Rhea Restorer')
	const services = { db, collab }
	const input = { person: user, sectionId: section.id, versionId, now: Date.now() }

	expect(restoreSectionVersion(services, input)).toEqual({
		ok: true,
		changed: true,
		label: 'End of research',
	})
	// Stored already: read straight from the database, without waiting for anything.
	expect(extractText(loadStoredDocument(db, section.id))).toBe(before)
	await eventually(
		() => writer.text().includes('A public register lists every system'),
		'the editor shows it',
	)
	const kept = listSectionVersions(db, section.id).find((version) => version.kind === 'before_restore')
	expect(kept?.label).toBe('Before restoring “End of research”')
	expect(kept?.createdBy).toBe('Rhea Restorer')
	expect(kept?.words).toBe(0)
	expect(restored(db, section.id)).toHaveLength(1)

	// The text already reads like the version: nothing changes, nothing more is recorded or kept.
	expect(restoreSectionVersion(services, input)).toEqual({
		ok: true,
		changed: false,
		label: 'End of research',
	})
	expect(restored(db, section.id)).toHaveLength(1)
	expect(
		listSectionVersions(db, section.id).filter((version) => version.kind === 'before_restore'),
	).toHaveLength(1)
})

test('a restore can itself be undone by restoring the version kept before it', async () => {
	const { db, section, collab, signIn, versionId, writer } = await damagedSection()
	writer.append('Written after the damage.')
	await eventually(
		() => extractText(loadStoredDocument(db, section.id)).includes('Written after the damage.'),
		'stored',
	)
	const user = person(signIn, 'co_chair')
	restoreSectionVersion({ db, collab }, { person: user, sectionId: section.id, versionId, now: Date.now() })
	const kept = listSectionVersions(db, section.id).find((version) => version.kind === 'before_restore')
	restoreSectionVersion(
		{ db, collab },
		{ person: user, sectionId: section.id, versionId: kept?.id ?? '', now: Date.now() },
	)
	expect(extractText(loadStoredDocument(db, section.id))).toBe('Written after the damage.')
	await eventually(() => !writer.text().includes('A public register'), 'the editor follows')
})

test('a reader may not restore (403), and a version of another section is not found (404)', async () => {
	const { db, section, collab, signIn, versionId, outline } = await damagedSection()
	const observer = person(signIn, 'observer')
	let thrown: unknown
	try {
		restoreSectionVersion(
			{ db, collab },
			{ person: observer, sectionId: section.id, versionId, now: Date.now() },
		)
	} catch (error) {
		thrown = error
	}
	expect(thrown).toBeInstanceOf(Response)
	expect((thrown as Response).status).toBe(403)
	expect(restored(db, section.id)).toHaveLength(0)

	// A version of another section of the same task force is not this section's to restore.
	const other = createSection(db, outline.document.id, 2, { title: 'Another section' })
	const coChair = person(signIn, 'co_chair')
	const foreign = storeSectionVersion(db, {
		sectionId: other.id,
		kind: 'phase',
		label: 'End of research',
		doc: loadStoredDocument(db, other.id),
		seq: 0,
		actorId: null,
		authors: [],
		now: Date.now(),
	})
	const attempt = (sectionId: string, id: string) =>
		restoreSectionVersion({ db, collab }, { person: coChair, sectionId, versionId: id, now: Date.now() })
	expect(attempt(section.id, foreign)).toMatchObject({ ok: false, status: 404 })
	expect(attempt(section.id, 'no-such-version')).toMatchObject({ ok: false, status: 404 })
	expect(attempt('no-such-section', versionId)).toMatchObject({ ok: false, status: 404 })
	expect(restored(db, section.id)).toHaveLength(0)
})
