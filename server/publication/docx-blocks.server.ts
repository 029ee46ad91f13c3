import {
	BorderStyle,
	ExternalHyperlink,
	HeadingLevel,
	LevelFormat,
	Paragraph,
	type ParagraphChild,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
} from 'docx'
import type { BlockNode, ContentNode } from '#shared/publication/content.ts'

/**
 * The reader's tree (`shared/publication/content.ts`) as `docx` paragraphs and tables, laid out as
 * the edition's HTML is (`shared/publication/render-html.ts`): real heading styles, real list
 * numbering, tables whose first row of header cells is the table's header row.
 */

export const MONOSPACE = 'Courier New'
export const BULLET_LIST = 'bullet-list'
const ORDERED_LIST = 'ordered-list'
/** Paragraph styles defined by the document (`render-docx.server.ts`). */
export const QUOTE_STYLE = 'Quote'
export const CODE_STYLE = 'SourceCode'

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6,
] as const
const MAX_LIST_LEVEL = 8
const BULLETS = ['•', '◦', '▪']

/** The heading style of an HTML heading level (1–6). */
export function headingLevel(level: number): (typeof HEADINGS)[number] {
	return HEADINGS[Math.min(6, Math.max(1, level)) - 1] as (typeof HEADINGS)[number]
}

/** The two lists of the document: bullets, and decimal numbers (each ordered list its own instance). */
export function listNumbering() {
	const levels = (format: 'bullet' | 'decimal') =>
		Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
			level,
			format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
			text: format === 'bullet' ? (BULLETS[level % BULLETS.length] as string) : `%${level + 1}.`,
			style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
		}))
	return {
		config: [
			{ reference: BULLET_LIST, levels: levels('bullet') },
			{ reference: ORDERED_LIST, levels: levels('decimal') },
		],
	}
}

type List = { reference: string; instance: number; level: number }
export type BlockContext = {
	/** Added to an editor heading's level, as in the HTML. */
	headingOffset: number
	/** The next free instance of the ordered list, so each ordered list counts from 1. */
	instances: { next: number }
	quote?: boolean
	bold?: boolean
	list?: List
}

export function createContext(headingOffset: number): BlockContext {
	return { headingOffset, instances: { next: 1 } }
}

type Text = Extract<ContentNode, { type: 'text' }>

function textRuns(node: Text, context: BlockContext, link: boolean): TextRun[] {
	const has = (type: string) => node.marks.some((mark) => mark.type === type)
	return node.text.split('\n').map(
		(line, index) =>
			new TextRun({
				text: line,
				break: index > 0 ? 1 : undefined,
				bold: has('bold') || context.bold || undefined,
				italics: has('italic') || undefined,
				strike: has('strike') || undefined,
				font: has('code') ? MONOSPACE : undefined,
				style: link ? 'Hyperlink' : undefined,
			}),
	)
}

function runsOf(node: ContentNode, context: BlockContext, link: boolean): TextRun[] {
	if (node.type === 'text') return textRuns(node, context, link)
	if (node.type === 'hardBreak') return [new TextRun({ break: 1 })]
	return 'content' in node ? node.content.flatMap((child) => runsOf(child, context, link)) : []
}

/** The runs of inline content; neighbouring words with the same link are one hyperlink. */
function inlineRuns(nodes: readonly ContentNode[], context: BlockContext): ParagraphChild[] {
	const groups: { href: string | null; nodes: ContentNode[] }[] = []
	for (const node of nodes) {
		const href = node.type === 'text' ? (node.marks.find((mark) => mark.type === 'link')?.href ?? null) : null
		const last = groups.at(-1)
		if (href !== null && last?.href === href) last.nodes.push(node)
		else groups.push({ href, nodes: [node] })
	}
	return groups.flatMap((group): ParagraphChild[] => {
		const runs = group.nodes.flatMap((node) => runsOf(node, context, group.href !== null))
		return group.href === null ? runs : [new ExternalHyperlink({ link: group.href, children: runs })]
	})
}

/** A paragraph of the running text: in a list its first paragraph carries the number. */
function paragraph(children: ParagraphChild[], context: BlockContext, first: boolean): Paragraph {
	const { list } = context
	return new Paragraph({
		children,
		style: context.quote ? QUOTE_STYLE : undefined,
		numbering:
			list && first ? { reference: list.reference, level: list.level, instance: list.instance } : undefined,
		indent: list && !first ? { left: 720 * (list.level + 1) } : undefined,
	})
}

function listBlocks(node: Extract<BlockNode, { type: 'bulletList' | 'orderedList' }>, context: BlockContext) {
	const ordered = node.type === 'orderedList'
	const level = context.list ? Math.min(MAX_LIST_LEVEL, context.list.level + 1) : 0
	const list: List = {
		reference: ordered ? ORDERED_LIST : BULLET_LIST,
		instance: ordered ? context.instances.next++ : 0,
		level,
	}
	return node.content.flatMap((item) => {
		const blocks = 'content' in item ? item.content : []
		return blocks.flatMap((block, index) =>
			blocksOf(
				block,
				{ ...context, list },
				index === 0 && block.type !== 'bulletList' && block.type !== 'orderedList',
			),
		)
	})
}

function isHeaderRow(row: ContentNode | undefined): boolean {
	return (
		row !== undefined &&
		'content' in row &&
		row.content.length > 0 &&
		row.content.every((cell) => cell.type === 'tableHeader')
	)
}

function tableOf(node: Extract<BlockNode, { type: 'table' }>, context: BlockContext): Table {
	const cellContext: BlockContext = { ...context, list: undefined, quote: false }
	const rows = node.content.flatMap((row, index) => {
		if (!('content' in row) || row.content.length === 0) return []
		const header = index === 0 && isHeaderRow(row)
		const cells = row.content.map((cell) => {
			const bold = cell.type === 'tableHeader'
			const blocks = 'content' in cell ? cell.content : []
			const children = blocks.flatMap((block) => blocksOf(block, { ...cellContext, bold }, true))
			return new TableCell({
				children: children.length > 0 ? children : [new Paragraph({})],
				shading: header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
			})
		})
		return [new TableRow({ children: cells, tableHeader: header || undefined, cantSplit: true })]
	})
	return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })
}

function isBlock(node: ContentNode): node is BlockNode {
	return node.type !== 'text'
}

/** One node of the tree as paragraphs and tables; `first` is whether it opens its list item. */
function blocksOf(node: ContentNode, context: BlockContext, first: boolean): (Paragraph | Table)[] {
	switch (node.type) {
		case 'text':
		case 'hardBreak':
			return [paragraph(inlineRuns([node], context), context, first)]
		case 'horizontalRule':
			return [
				new Paragraph({
					children: [],
					border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } },
				}),
			]
		case 'heading':
			return [
				new Paragraph({
					heading: headingLevel(node.level + context.headingOffset),
					children: inlineRuns(node.content, context),
				}),
			]
		case 'paragraph':
			return [paragraph(inlineRuns(node.content, context), context, first)]
		case 'codeBlock':
			return [
				new Paragraph({
					style: CODE_STYLE,
					children: inlineRuns(node.content, context),
					indent: context.list ? { left: 720 * (context.list.level + 1) } : undefined,
				}),
			]
		case 'blockquote':
			return node.content.flatMap((child, index) =>
				blocksOf(child, { ...context, quote: true }, first && index === 0),
			)
		case 'bulletList':
		case 'orderedList':
			return listBlocks(node, context)
		case 'table':
			return [tableOf(node, context)]
		default:
			// A stray list item, row or cell: its blocks, in order.
			return node.content.flatMap((child, index) => blocksOf(child, context, first && index === 0))
	}
}

/** The paragraphs and tables of a section body, its headings moved down by `headingOffset`. */
export function docxBlocks(blocks: readonly ContentNode[], context: BlockContext): (Paragraph | Table)[] {
	return blocks.filter(isBlock).flatMap((block) => blocksOf(block, context, true))
}
