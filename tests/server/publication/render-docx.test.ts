import { strFromU8, unzipSync } from 'fflate'
import mammoth from 'mammoth'
import { beforeAll, expect, test } from 'vitest'
import { renderEditionDocx } from '#server/publication/render-docx.server.ts'
import type { BlockNode, ContentMark, ContentNode } from '#shared/publication/content.ts'
import type { EditionContent } from '#shared/publication/edition-html.ts'

const text = (value: string, ...marks: ContentMark[]): ContentNode => ({ type: 'text', text: value, marks })
const paragraph = (...content: ContentNode[]): BlockNode => ({ type: 'paragraph', content })
const item = (...content: ContentNode[]): ContentNode => ({ type: 'listItem', content })
const cell = (type: 'tableCell' | 'tableHeader', value: string): ContentNode => ({
	type,
	content: [paragraph(text(value))],
})
const row = (type: 'tableCell' | 'tableHeader', ...values: string[]): ContentNode => ({
	type: 'tableRow',
	content: values.map((value) => cell(type, value)),
})

const CONTENT: EditionContent = {
	taskForceName: 'Regional Flood Task Force',
	title: 'Flood Resilience Plan',
	number: '1.1',
	publishedOn: '6 December 2026',
	changeNote: 'Updated the evacuation routes.',
	sections: [
		{
			title: 'Introduction',
			blocks: [
				{ type: 'heading', level: 2, content: [text('Why this plan')] },
				paragraph(
					text('Rivers are '),
					text('rising', { type: 'bold' }),
					text(' and '),
					text('fast', { type: 'italic' }),
					text(' ('),
					text('gauge.read()', { type: 'code' }),
					text(')'),
					text(', see the '),
					text('gauge data', { type: 'link', href: 'https://example.org/gauges' }),
					text('.'),
				),
				{
					type: 'bulletList',
					content: [
						item(paragraph(text('Sandbags')), {
							type: 'orderedList',
							content: [item(paragraph(text('Fill them'))), item(paragraph(text('Stack them')))],
						}),
						item(paragraph(text('Pumps'))),
					],
				},
				{ type: 'heading', level: 3, content: [text('History')] },
			],
		},
		{
			title: 'Measures',
			blocks: [
				{
					type: 'table',
					content: [
						row('tableHeader', 'Measure', 'Cost'),
						row('tableCell', 'Levee', '2 M'),
						row('tableCell', 'Wetland', '1 M'),
					],
				},
				{ type: 'blockquote', content: [paragraph(text('Water finds a way.'))] },
				{ type: 'codeBlock', content: [text('level = read_gauge()\nalert(level)')] },
				{ type: 'horizontalRule' },
				{
					type: 'orderedList',
					content: [item(paragraph(text('Plan'))), item(paragraph(text('Build')))],
				},
			],
		},
	],
	contributors: {
		coChairs: [
			{ name: 'Ada Lovelace', organization: 'City of Riverton' },
			{ name: 'Alan Turing', organization: null },
		],
		subcommittees: [
			{
				name: 'Engineering',
				sectors: [
					{
						sector: 'university',
						organizations: [{ organization: 'State University', people: ['Grace Hopper'] }],
					},
				],
			},
		],
		sections: [
			{ title: 'Introduction', people: [{ name: 'Ada Lovelace', organization: 'City of Riverton' }] },
			{ title: 'Measures', people: [{ name: 'Grace Hopper', organization: 'State University' }] },
		],
	},
}

let docx: Buffer
let html: string
let messages: { type: string; message: string }[]
let files: Record<string, string>

beforeAll(async () => {
	docx = await renderEditionDocx(CONTENT)
	const result = await mammoth.convertToHtml({ buffer: docx })
	html = result.value
	messages = result.messages
	files = Object.fromEntries(
		Object.entries(unzipSync(new Uint8Array(docx))).map(([name, data]) => [name, strFromU8(data)]),
	)
})

/** The text of every element `tag` in the HTML, its markup removed. */
function texts(tag: string, source: string | undefined = html): string[] {
	return [...(source ?? '').matchAll(new RegExp(`<${tag}(?: [^>]*)?>(.*?)</${tag}>`, 'gs'))].map((match) =>
		(match[1] as string).replace(/<[^>]+>/g, ''),
	)
}

test('the title, section titles and headings come back as h1, h2 and h3 (real heading styles)', () => {
	expect(docx.subarray(0, 2).toString()).toBe('PK')
	expect(texts('h1')).toEqual(['Flood Resilience Plan'])
	expect(texts('h2')).toEqual(['Introduction', 'Measures', 'Contributors'])
	expect(texts('h3')).toEqual(
		expect.arrayContaining(['Why this plan', 'Co-chairs', 'Engineering', 'Who wrote each section']),
	)
	expect(texts('h4')).toEqual(expect.arrayContaining(['History', 'Universities']))
	// Mammoth knows Word's heading styles by name; an unknown one would come back as a warning.
	expect(messages.filter((message) => /heading \d|title/i.test(message.message))).toEqual([])
	// The only styles it does not know are the contents', the quote's and the code's.
	for (const message of messages) {
		expect(message.message).toMatch(/^Unrecognised paragraph style: '(TOC Heading|toc \d|Quote|Source Code)'/)
	}
	// The cover's lines, in order before the first section.
	const cover = html.slice(0, html.indexOf('<h2>'))
	expect(cover).toContain('Regional Flood Task Force')
	expect(cover).toContain('Edition 1.1 · Published 6 December 2026')
	expect(cover).toContain('Updated the evacuation routes.')
})

test('inline formatting, links, lists, tables and the contributors survive', () => {
	expect(html).toContain('<strong>rising</strong>')
	expect(html).toContain('<em>fast</em>')
	expect(html).toMatch(/<a href="https:\/\/example\.org\/gauges">gauge data<\/a>/)
	const bulletList = /<ul>(.*?)<\/ul>/s.exec(html)?.[1] ?? ''
	expect(texts('li', bulletList).join('|')).toMatch(/^Sandbags.*Fill them.*Stack them.*\|?Pumps/s)
	expect(bulletList).toMatch(
		/<li>Sandbags<ol><li>Fill them<\/li><li>Stack them<\/li><\/ol><\/li><li>Pumps<\/li>/,
	)
	const table = /<table>(.*?)<\/table>/s.exec(html)?.[1] ?? ''
	// The header row is read back as the table's head, its cells as header cells.
	expect(texts('th', /<thead>(.*?)<\/thead>/s.exec(table)?.[1])).toEqual(['Measure', 'Cost'])
	expect(texts('tr', /<tbody>(.*?)<\/tbody>/s.exec(table)?.[1])).toEqual(['Levee2 M', 'Wetland1 M'])
	expect(html).toContain('Water finds a way.')
	expect(html).toContain('level = read_gauge()')
	expect(texts('li')).toEqual(
		expect.arrayContaining([
			'Ada Lovelace (City of Riverton)',
			'Alan Turing',
			'State University: Grace Hopper',
			'Introduction: Ada Lovelace (City of Riverton)',
		]),
	)
})

/** The list (`numId`) and level of the paragraph holding `words`. */
function numberingOf(document: string, words: string): { numId: string; level: string } {
	const paragraphs = document.split('</w:p>')
	const found = paragraphs.find((paragraph) => paragraph.includes(`>${words}</w:t>`)) ?? ''
	const match = /<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(found)
	return { level: match?.[1] ?? '', numId: match?.[2] ?? '' }
}

test('lists, code, quotes and tables use Word’s own means: numbering, styles and a repeated header row', () => {
	const numbering = files['word/numbering.xml'] as string
	const document = files['word/document.xml'] as string
	expect(numbering).toContain('<w:numFmt w:val="bullet"/>')
	expect(numbering).toContain('<w:numFmt w:val="decimal"/>')
	const sandbags = numberingOf(document, 'Sandbags')
	const fill = numberingOf(document, 'Fill them')
	const plan = numberingOf(document, 'Plan')
	expect(sandbags.level).toBe('0')
	expect(fill).toEqual({ level: '1', numId: numberingOf(document, 'Stack them').numId })
	expect(plan.level).toBe('0')
	// Each ordered list is its own list, starting at 1.
	expect(new Set([sandbags.numId, fill.numId, plan.numId]).size).toBe(3)
	for (const numId of [fill.numId, plan.numId]) {
		expect(numbering).toMatch(
			new RegExp(`<w:num w:numId="${numId}">.*?<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`),
		)
	}
	expect(document).toMatch(
		/<w:rFonts w:ascii="Courier New"[^>]*\/><\/w:rPr><w:t xml:space="preserve">gauge\.read\(\)/,
	)
	expect(document).toContain('<w:pStyle w:val="SourceCode"/>')
	expect(document).toContain('<w:pStyle w:val="Quote"/>')
	const [headerRow, bodyRow] = (/<w:tbl>.*?<\/w:tbl>/s.exec(document)?.[0] ?? '').split('</w:tr>')
	expect(headerRow).toContain('<w:tblHeader/>')
	expect(headerRow).toMatch(/<w:b\/>.*Measure/)
	expect(bodyRow).not.toContain('<w:tblHeader/>')
})

test('page numbers in the footer, none on the cover, a TOC field and the document properties', () => {
	const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name))
	const numbered = footers.filter((name) => /PAGE/.test(files[name] as string))
	expect(numbered).toHaveLength(1)
	expect(files[numbered[0] as string]).toContain('NUMPAGES')
	expect(footers.length).toBe(2)
	const document = files['word/document.xml'] as string
	expect(document).toContain('<w:titlePg/>')
	expect(document).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;2-3&quot;<\/w:instrText>/)
	expect(files['word/settings.xml']).toContain('<w:updateFields/>')
	const core = files['docProps/core.xml'] as string
	expect(core).toContain('<dc:title>Flood Resilience Plan</dc:title>')
	expect(core).toContain('<dc:creator>Regional Flood Task Force</dc:creator>')
	expect(files['word/styles.xml']).toContain('w:lang w:val="en-US"')
})
