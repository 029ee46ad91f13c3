import { eq, inArray } from 'drizzle-orm'
import * as Y from 'yjs'
import { extractText } from '#shared/collab/text.ts'
import { formatLongDay } from '#shared/dates.ts'
import { readerContent } from '#shared/publication/content.ts'
import { buildContributors, type CreditSource } from '#shared/publication/contributors.ts'
import { renderEditionHtml } from '#shared/publication/edition-html.ts'
import type { Tx } from '../client.server.ts'
import * as t from '../schema/index.ts'
import type { Random } from './random.ts'

type SeededSection = { id: string; title: string; state: Uint8Array; words: number; authorIds: string[] }

function creditSources(tx: Tx, ids: readonly string[]): Map<string, CreditSource> {
	const rows = tx
		.select({
			id: t.users.id,
			name: t.users.name,
			organization: t.organizations.name,
			sector: t.organizations.sector,
			creditAs: t.users.creditAs,
		})
		.from(t.users)
		.leftJoin(t.organizations, eq(t.organizations.id, t.users.organizationId))
		.where(inArray(t.users.id, [...new Set(ids)]))
		.all()
	return new Map(rows.map(({ id, ...person }) => [id, person]))
}

/**
 * Edition 1.0 of the finished playbook, as publishing it would have stored it: each section's
 * final text kept as a phase version naming who wrote it (the stored history the credits are read
 * from), the edition frozen with its HTML, sections and contributors, and the public page open —
 * so a new user sees a published result at `/p/data-governance`.
 */
export function seedPublishedEdition(
	tx: Tx,
	random: Random,
	options: {
		taskForceId: string
		taskForceName: string
		timeZone: string
		document: { id: string; title: string }
		subcommittee: { name: string; memberIds: string[] }
		coChairId: string
		sections: SeededSection[]
		publishedAt: number
	},
) {
	const { sections, publishedAt } = options
	for (const section of sections) {
		const versionId = random.id()
		const doc = new Y.Doc()
		Y.applyUpdate(doc, section.state)
		tx.insert(t.sectionVersions)
			.values({
				id: versionId,
				sectionId: section.id,
				kind: 'phase',
				label: 'End of publishing',
				state: Buffer.from(section.state),
				wordCount: section.words,
				excerpt: extractText(doc).slice(0, 280),
				createdAt: publishedAt,
				createdBy: options.coChairId,
			})
			.run()
		doc.destroy()
		tx.insert(t.sectionVersionAuthors)
			.values(section.authorIds.map((userId) => ({ versionId, userId })))
			.run()
	}
	const people = creditSources(tx, [
		options.coChairId,
		...options.subcommittee.memberIds,
		...sections.flatMap((section) => section.authorIds),
	])
	const resolve = (ids: readonly string[]) =>
		ids.map((id) => people.get(id)).filter((person): person is CreditSource => person !== undefined)
	const contributors = buildContributors({
		coChairs: resolve([options.coChairId]),
		subcommittees: [{ name: options.subcommittee.name, members: resolve(options.subcommittee.memberIds) }],
		sections: sections.map((section) => ({ title: section.title, authors: resolve(section.authorIds) })),
	})
	const blocks = sections.map((section) => {
		const doc = new Y.Doc()
		Y.applyUpdate(doc, section.state)
		const content = { title: section.title, blocks: readerContent(doc) }
		doc.destroy()
		return content
	})
	const editionId = random.id()
	tx.insert(t.editions)
		.values({
			id: editionId,
			taskForceId: options.taskForceId,
			documentId: options.document.id,
			major: 1,
			minor: 0,
			title: options.document.title,
			html: renderEditionHtml({
				taskForceName: options.taskForceName,
				title: options.document.title,
				number: '1.0',
				publishedOn: formatLongDay(publishedAt, options.timeZone),
				changeNote: null,
				sections: blocks,
				contributors,
			}),
			contributors: JSON.stringify(contributors),
			publishedAt,
			publishedBy: options.coChairId,
		})
		.run()
	tx.insert(t.editionSections)
		.values(
			sections.map((section, position) => ({
				editionId,
				position,
				sectionId: section.id,
				title: section.title,
				state: Buffer.from(section.state),
			})),
		)
		.run()
	tx.update(t.taskForces).set({ publicPage: true }).where(eq(t.taskForces.id, options.taskForceId)).run()
}
