import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { editionFiles } from '#db/schema/index.ts'
import type { EditionFileFormat } from '#shared/domain.ts'
import { renderEditionMarkdown } from '#shared/publication/edition-markdown.ts'
import { renderEditionDocument } from './edition-page.server.ts'
import { type Edition, editionContent } from './editions.server.ts'
import { renderEditionDocx } from './render-docx.server.ts'
import { printPdf } from './render-pdf.server.ts'

export const DOWNLOAD_FORMATS = ['docx', 'pdf', 'md', 'html'] as const
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number]

const CONTENT_TYPES: Record<DownloadFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
}

export type Download = { body: Uint8Array | string; contentType: string; fileName: string }

type Source = {
	edition: Edition
	taskForce: { slug: string; name: string; summary: string; timeZone: string }
	/** The edition's stable address, for the cite line. */
	url: string
	/** Chromium for the PDF; null when the server has none. */
	chromium: string | null
}

/** A made file kept with its edition (the edition never changes, so neither does the file). */
async function kept(db: Db, editionId: string, format: EditionFileFormat, make: () => Promise<Uint8Array>) {
	const row = db
		.select({ data: editionFiles.data })
		.from(editionFiles)
		.where(and(eq(editionFiles.editionId, editionId), eq(editionFiles.format, format)))
		.get()
	if (row) return row.data as Uint8Array
	const data = await make()
	db.insert(editionFiles)
		.values({ editionId, format, data: Buffer.from(data), createdAt: Date.now() })
		.onConflictDoNothing()
		.run()
	return data
}

/**
 * One download of an edition. HTML and Markdown are made from the frozen edition on each request
 * (milliseconds); DOCX and PDF once, then kept. Returns null for a PDF when there is no Chromium.
 */
export async function editionDownload(
	db: Db,
	format: DownloadFormat,
	source: Source,
): Promise<Download | null> {
	const { edition, taskForce } = source
	const fileName = `${taskForce.slug}-${edition.number}.${format}`
	const standalone = () => renderEditionDocument({ edition, taskForce, url: source.url })
	let body: Uint8Array | string
	switch (format) {
		case 'html':
			body = standalone()
			break
		case 'md':
			body = renderEditionMarkdown(editionContent(db, edition, taskForce))
			break
		case 'docx':
			body = await kept(db, edition.id, 'docx', () =>
				renderEditionDocx(editionContent(db, edition, taskForce)),
			)
			break
		case 'pdf': {
			const chromium = source.chromium
			if (!chromium) return null
			body = await kept(db, edition.id, 'pdf', () => printPdf(standalone(), chromium))
			break
		}
	}
	return { body, contentType: CONTENT_TYPES[format], fileName }
}
