import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	ShadingType,
	type Table,
	TableOfContents,
	TextRun,
} from 'docx'
import {
	CREDIT_SECTOR_LABELS,
	creditLine,
	type EditionContributors,
} from '#shared/publication/contributors.ts'
import type { EditionContent } from '#shared/publication/edition-html.ts'
import {
	BULLET_LIST,
	CODE_STYLE,
	createContext,
	docxBlocks,
	headingLevel,
	listNumbering,
	MONOSPACE,
	QUOTE_STYLE,
} from './docx-blocks.server.ts'

/**
 * The Word version of an edition, laid out as its HTML is (`shared/publication/edition-html.ts`):
 * a cover page (the title a Heading 1), a table of contents, each section (its title a Heading 2,
 * its headings a level below) and the contributors, with page numbers below every page but the cover.
 */

type Block = Paragraph | Table

const TOC_HEADING_STYLE = 'TOCHeading'

function text(value: string, options: { bold?: boolean; size?: number } = {}): TextRun {
	return new TextRun({ text: value, ...options })
}

function heading(level: number, value: string, pageBreakBefore = false): Paragraph {
	return new Paragraph({ heading: headingLevel(level), children: [text(value)], pageBreakBefore })
}

function bullets(items: readonly (string | TextRun[])[]): Paragraph[] {
	return items.map(
		(item) =>
			new Paragraph({
				children: typeof item === 'string' ? [text(item)] : item,
				numbering: { reference: BULLET_LIST, level: 0 },
			}),
	)
}

function cover(content: EditionContent): Paragraph[] {
	const paragraphs = [
		new Paragraph({ children: [text(content.taskForceName, { size: 28 })], spacing: { before: 2400 } }),
		heading(1, content.title),
		new Paragraph({ children: [text(`Edition ${content.number} · Published ${content.publishedOn}`)] }),
	]
	if (content.changeNote) {
		paragraphs.push(
			new Paragraph({ children: [text('What changed: ', { bold: true }), text(content.changeNote)] }),
		)
	}
	paragraphs.push(new Paragraph({ children: [new PageBreak()] }))
	return paragraphs
}

function contents(): (Paragraph | TableOfContents)[] {
	return [
		new Paragraph({ style: TOC_HEADING_STYLE, children: [text('Contents')] }),
		new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '2-3' }),
		new Paragraph({
			children: [
				text(
					'Word fills in the page numbers when it opens this document and asks to update its fields. ' +
						'To bring the contents up to date later, right-click them and choose "Update Field".',
					{ size: 18 },
				),
			],
		}),
	]
}

function sections(content: EditionContent): Block[] {
	const context = createContext(1)
	return content.sections.flatMap((section, index) => [
		heading(2, section.title, index === 0),
		...docxBlocks(section.blocks, context),
	])
}

function contributors(credits: EditionContributors): Paragraph[] {
	const out = [heading(2, 'Contributors', true)]
	if (credits.coChairs.length > 0)
		out.push(heading(3, 'Co-chairs'), ...bullets(credits.coChairs.map(creditLine)))
	for (const subcommittee of credits.subcommittees) {
		out.push(heading(3, subcommittee.name))
		for (const group of subcommittee.sectors) {
			out.push(heading(4, CREDIT_SECTOR_LABELS[group.sector]))
			out.push(
				...bullets(
					group.organizations.map(
						(entry) =>
							`${entry.organization ?? 'Not listed with an organization'}: ${entry.people.join(', ')}`,
					),
				),
			)
		}
	}
	const written = credits.sections.filter((section) => section.people.length > 0)
	if (written.length > 0) {
		out.push(heading(3, 'Who wrote each section'))
		out.push(
			...bullets(
				written.map((section) => [
					text(`${section.title}: `, { bold: true }),
					text(section.people.map(creditLine).join(', ')),
				]),
			),
		)
	}
	return out
}

function pageFooter(): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
			}),
		],
	})
}

/** Word's own heading styles, with their outline level set so every reader finds the structure. */
function headingStyle(outlineLevel: number) {
	return {
		run: { bold: true, size: [40, 32, 28, 24, 22, 22][outlineLevel], color: '1F3864' },
		paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: 320, after: 120 } },
	}
}

const STYLES = {
	default: {
		document: { run: { language: { value: 'en-US' } } },
		heading1: headingStyle(0),
		heading2: headingStyle(1),
		heading3: headingStyle(2),
		heading4: headingStyle(3),
		heading5: headingStyle(4),
		heading6: headingStyle(5),
	},
	paragraphStyles: [
		{
			id: QUOTE_STYLE,
			name: 'Quote',
			basedOn: 'Normal',
			next: 'Normal',
			quickFormat: true,
			run: { italics: true },
			paragraph: {
				indent: { left: 720, right: 720 },
				border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 } },
			},
		},
		{
			id: CODE_STYLE,
			name: 'Source Code',
			basedOn: 'Normal',
			next: 'Normal',
			run: { font: MONOSPACE, size: 20 },
			paragraph: {
				spacing: { line: 240 },
				shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
			},
		},
		{
			id: TOC_HEADING_STYLE,
			name: 'TOC Heading',
			basedOn: 'Normal',
			next: 'Normal',
			run: { bold: true, size: 32 },
			paragraph: { spacing: { before: 240, after: 120 } },
		},
	],
}

/** The edition as a .docx file. */
export async function renderEditionDocx(content: EditionContent): Promise<Buffer> {
	const document = new Document({
		title: content.title,
		creator: content.taskForceName,
		lastModifiedBy: content.taskForceName,
		description:
			`Edition ${content.number}, published ${content.publishedOn}.` +
			(content.changeNote ? ` What changed: ${content.changeNote}` : ''),
		features: { updateFields: true },
		styles: STYLES,
		numbering: listNumbering(),
		sections: [
			{
				properties: { titlePage: true },
				footers: { first: new Footer({ children: [] }), default: pageFooter() },
				children: [
					...cover(content),
					...contents(),
					...sections(content),
					...contributors(content.contributors),
				],
			},
		],
	})
	return Packer.toBuffer(document)
}
