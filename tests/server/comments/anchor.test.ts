import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { CommentAnchorMark } from '#app/components/editor/comment-anchor-mark.client.ts'
import { ANCHOR_MAX_RUNS } from '#server/comments/anchor.server.ts'
import { listSectionThreads } from '#server/comments/panel.server.ts'
import { startThread } from '#server/comments/threads.server.ts'
import { commentMarkKey, threadIdOfKey } from '#shared/collab/comment-anchor.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { createWorkflowSetting, NOW } from '../../factories/assignments.ts'
import { liveText } from '../../support/live-text.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

/** Each paragraph's text with the threads anchored on each run: `[[text, [threadIds]], …]`. */
function anchoredRuns(doc: Y.Doc): Array<Array<[string, string[]]>> {
	return doc
		.getXmlFragment(FRAGMENT_NAME)
		.toArray()
		.map((paragraph) => {
			const text = (paragraph as Y.XmlElement).get(0) as Y.XmlText
			return (text.toDelta() as Array<{ insert: string; attributes?: Record<string, unknown> }>).map((op) => [
				op.insert,
				Object.entries(op.attributes ?? {})
					.map(([key, value]) => threadIdOfKey(key, value))
					.filter((id): id is string => id !== null)
					.sort(),
			])
		})
}

function setting() {
	const { db } = createTempDatabase()
	const world = createWorkflowSetting(db)
	const text = liveText(db)
	const sectionId = world.section.id
	// A member of another subcommittee: comments, may not write.
	const commenter = { id: world.people.outsider.id, isAdmin: false }
	const start = (ends: { anchorFrom: string; anchorTo: string }, body = 'Source?') =>
		startThread({ db, collab: text.collab }, commenter, sectionId, { ...ends, body, mentionIds: [] }, NOW)
	const type = (userId: string, paragraph: number, index: number, words: string) =>
		text.collab.changeDocument(
			sectionId,
			(doc) => {
				const element = doc.getXmlFragment(FRAGMENT_NAME).get(paragraph) as Y.XmlElement
				;(element.get(0) as Y.XmlText).insert(index, words)
			},
			{ userId },
		)
	return { db, world, text, sectionId, start, type }
}

test('the server writes the very formatting key y-tiptap writes for a comment mark', () => {
	const schema = getSchema([StarterKit.configure({ undoRedo: false }), CommentAnchorMark])
	const doc = new Y.Doc()
	const fragment = doc.getXmlFragment(FRAGMENT_NAME)
	prosemirrorJSONToYXmlFragment(
		schema,
		{
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'anchored', marks: [{ type: 'comment', attrs: { threadId: 't-42' } }] },
					],
				},
			],
		},
		fragment,
	)
	const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText
	const [op] = text.toDelta() as Array<{ attributes: Record<string, unknown> }>
	expect(op?.attributes).toEqual({ [commentMarkKey('t-42')]: { threadId: 't-42' } })
})

test('a comment anchors to the words selected even when someone types before and inside them meanwhile', () => {
	const { db, world, text, sectionId, start, type } = setting()
	text.write(sectionId, 'Residents were asked how they use the service.')
	// The commenter selects "were asked how"; before the comment is posted, a writer types.
	const ends = text.select(sectionId, 'were asked how')
	type(world.people.writer.id, 0, 0, 'In spring, ')
	type(world.people.writer.id, 0, 'In spring, Residents were '.length, 'first ')
	const started = start(ends)
	if (!started.ok) throw new Error(started.message)
	expect(anchoredRuns(text.doc(sectionId))).toEqual([
		[
			['In spring, Residents ', []],
			['were first asked how', [started.threadId]],
			[' they use the service.', []],
		],
	])
	expect(listSectionThreads(db, sectionId)[0]?.quote).toBe('were first asked how')
})

test('threads overlap without disturbing each other, and a selection may span paragraphs', () => {
	const { text, sectionId, start } = setting()
	text.write(sectionId, 'The pilot ran in three cities.', 'Each city kept its own log.')
	const first = start(text.select(sectionId, 'ran in three'))
	const second = start(text.select(sectionId, 'three cities'))
	const fromFirst = text.select(sectionId, 'cities.')
	const toSecond = text.select(sectionId, 'Each city')
	const across = start({ anchorFrom: fromFirst.anchorFrom, anchorTo: toSecond.anchorTo })
	if (!first.ok || !second.ok || !across.ok) throw new Error('a thread was refused')
	expect(anchoredRuns(text.doc(sectionId))).toEqual(
		[
			[
				['The pilot ', []],
				['ran in ', [first.threadId]],
				['three', [first.threadId, second.threadId]],
				[' ', [second.threadId]],
				['cities', [second.threadId, across.threadId]],
				['.', [across.threadId]],
			],
			[
				['Each city', [across.threadId]],
				[' kept its own log.', []],
			],
		].map((runs) => runs.map(([words, ids]) => [words, [...(ids as string[])].sort()])),
	)
})

test('a selection whose text is gone, that runs backwards, or that is not a position is refused with a way on', () => {
	const { db, text, sectionId, start, type, world } = setting()
	text.write(sectionId, 'Budget figures are provisional.')
	const gone = text.select(sectionId, 'figures')
	text.collab.changeDocument(
		sectionId,
		(doc) => ((doc.getXmlFragment(FRAGMENT_NAME).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(7, 7),
		{ userId: world.people.writer.id },
	)
	type(world.people.writer.id, 0, 7, 'numbers')
	const changed = {
		ok: false,
		status: 400,
		message: 'The text you selected has changed. Select it again, then choose Comment.',
	}
	expect(start(gone)).toEqual(changed)
	const forwards = text.select(sectionId, 'numbers')
	expect(start({ anchorFrom: forwards.anchorTo, anchorTo: forwards.anchorFrom })).toEqual(changed)
	expect(start({ anchorFrom: 'AAAA', anchorTo: forwards.anchorTo })).toEqual(changed)
	expect(listSectionThreads(db, sectionId)).toEqual([])
	expect(anchoredRuns(text.doc(sectionId))).toEqual([[['Budget numbers are provisional.', []]]])
})

test('deleting the anchored words takes the anchor away, never the thread', () => {
	const { db, text, sectionId, start, world } = setting()
	text.write(sectionId, 'Keep this. Drop this sentence.')
	const started = start(text.select(sectionId, 'Drop this'))
	if (!started.ok) throw new Error(started.message)
	text.collab.changeDocument(
		sectionId,
		(doc) => ((doc.getXmlFragment(FRAGMENT_NAME).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(11, 19),
		{ userId: world.people.writer.id },
	)
	expect(anchoredRuns(text.doc(sectionId))).toEqual([[['Keep this. ', []]]])
	expect(listSectionThreads(db, sectionId).map((thread) => [thread.id, thread.quote])).toEqual([
		[started.threadId, 'Drop this'],
	])
})

test('one comment spans at most ANCHOR_MAX_RUNS paragraphs: a longer selection is refused and nothing is marked', () => {
	const { db, text, sectionId, start } = setting()
	const paragraphs = Array.from({ length: ANCHOR_MAX_RUNS + 1 }, (_, index) => `Paragraph ${index + 1000}.`)
	text.write(sectionId, ...paragraphs)
	const first = text.select(sectionId, 'Paragraph 1000')
	const last = text.select(sectionId, `Paragraph ${ANCHOR_MAX_RUNS + 1000}`)
	expect(start({ anchorFrom: first.anchorFrom, anchorTo: last.anchorTo })).toEqual({
		ok: false,
		status: 400,
		message: `Select at most ${ANCHOR_MAX_RUNS} paragraphs to comment on; comment on a shorter passage.`,
	})
	expect(listSectionThreads(db, sectionId)).toEqual([])
	expect(
		anchoredRuns(text.doc(sectionId))
			.flat()
			.some(([, ids]) => ids.length > 0),
	).toBe(false)
	const shorter = text.select(sectionId, `Paragraph ${ANCHOR_MAX_RUNS + 999}`)
	expect(start({ anchorFrom: first.anchorFrom, anchorTo: shorter.anchorTo })).toMatchObject({ ok: true })
})
