import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { docUpdates } from '#db/schema/index.ts'
import { storeSectionVersion } from '#server/sections/section-versions.server.ts'
import { createVersionComparisons } from '#server/sections/version-comparisons.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { createOutline, nth } from '../../factories/sections.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const LIMITS = {
	charsPerPerson: 1_000,
	charsInAll: 2_500,
	windowMs: 60_000,
	cacheChars: 1_000_000,
	maxWaiting: 20,
}

/** A section whose stored text (one logged update) reads `text`, and `count` versions of it. */
function sectionWithVersions(count: number, text = 'word '.repeat(50)) {
	const { db } = createTempDatabase()
	const outline = createOutline(db, { count: 1 })
	const section = nth(outline.sections, 0)
	const doc = new Y.Doc()
	const paragraph = new Y.XmlElement('paragraph')
	paragraph.insert(0, [new Y.XmlText(text)])
	doc.getXmlFragment(FRAGMENT_NAME).insert(0, [paragraph])
	const appendUpdate = (seq: number, update: Uint8Array) =>
		db
			.insert(docUpdates)
			.values({ docId: section.id, seq, data: Buffer.from(update), at: Date.now() })
			.run()
	appendUpdate(1, Y.encodeStateAsUpdate(doc))
	const versions = Array.from({ length: count }, (_, index) =>
		storeSectionVersion(db, {
			sectionId: section.id,
			kind: 'phase',
			label: `Version ${index}`,
			doc,
			seq: 1,
			actorId: null,
			authors: [],
			now: Date.now() - index * 1_000,
		}),
	)
	/** A change to the stored text: a new paragraph, logged as seq 2. */
	function edit() {
		const before = Y.encodeStateVector(doc)
		const added = new Y.XmlElement('paragraph')
		added.insert(0, [new Y.XmlText('Added later.')])
		doc.getXmlFragment(FRAGMENT_NAME).insert(1, [added])
		appendUpdate(2, Y.encodeStateAsUpdate(doc, before))
	}
	return { db, section, versions, edit, people: [outline.user.id, 'someone-else'] as const }
}

test('a comparison asked again for the same stored text is answered from memory, without charging anyone', async () => {
	const { db, section, versions, edit, people } = sectionWithVersions(1)
	const comparisons = createVersionComparisons({ ...LIMITS, charsPerPerson: 501 })
	const version = nth(versions, 0)
	const first = await comparisons.compare(db, section.id, version, people[0])
	expect(first).toMatchObject({ diff: { comparable: true, added: 0, removed: 0 } })
	// 500 characters compared: one character left in the budget, and twenty repeats cost none of it.
	for (let ask = 0; ask < 20; ask++)
		expect(await comparisons.compare(db, section.id, version, people[0])).toBe(first)
	// The text changes: a new comparison, which shows the change (and spends the last of the budget).
	edit()
	expect(await comparisons.compare(db, section.id, version, people[0])).toMatchObject({
		diff: { comparable: true, added: 2, removed: 0 },
	})
	expect(await comparisons.compare(db, section.id, nth(versions, 0), people[0])).toMatchObject({
		diff: { added: 2 },
	})
})

test('new comparisons past a person’s budget are refused with a wait; others still compare, up to the budget of all', async () => {
	const { db, section, versions, people } = sectionWithVersions(8)
	let now = 1_000_000
	const comparisons = createVersionComparisons(LIMITS, () => now)
	const compare = (index: number, person: string) =>
		comparisons.compare(db, section.id, nth(versions, index), person)
	// 500 characters a comparison (250 of text, twice): two fit in a person's 1,000.
	expect(await compare(0, people[0])).toHaveProperty('diff')
	expect(await compare(1, people[0])).toHaveProperty('diff')
	expect(await compare(2, people[0])).toEqual({ refused: 'person', retryAfterSeconds: 60 })
	// What was compared before is still there for the same person.
	expect(await compare(1, people[0])).toHaveProperty('diff')
	// Another person may: 1,500 of everyone's 2,500 spent after this one, then 2,000, then refused.
	expect(await compare(3, people[1])).toHaveProperty('diff')
	expect(await compare(4, people[1])).toHaveProperty('diff')
	now += 30_000
	expect(await compare(5, 'a-third-person')).toHaveProperty('diff')
	expect(await compare(6, 'a-fourth-person')).toEqual({ refused: 'everyone', retryAfterSeconds: 30 })
	// A minute after the first comparison, the budgets are whole again.
	now += 30_000
	expect(await compare(2, people[0])).toHaveProperty('diff')
})

test('comparisons asked all at once run one at a time and are charged in turn, so a burst cannot pass the budget', async () => {
	const { db, section, versions, people } = sectionWithVersions(8)
	const comparisons = createVersionComparisons(LIMITS)
	const answers = await Promise.all(
		versions.map((version) => comparisons.compare(db, section.id, version, people[0])),
	)
	expect(answers.filter((answer) => 'diff' in answer)).toHaveLength(2)
	expect(answers.filter((answer) => 'refused' in answer)).toHaveLength(6)
	// More waiting than allowed at once: the rest are told to come back shortly, without queueing.
	const crowded = createVersionComparisons({ ...LIMITS, maxWaiting: 3, charsPerPerson: 1e9, charsInAll: 1e9 })
	const burst = await Promise.all(
		versions.map((version, index) => crowded.compare(db, section.id, version, `person-${index}`)),
	)
	expect(burst.filter((answer) => 'diff' in answer)).toHaveLength(3)
	expect(burst.filter((answer) => 'refused' in answer)).toEqual(
		Array.from({ length: 5 }, () => ({ refused: 'everyone', retryAfterSeconds: 5 })),
	)
})
