import type { BlockNode, ContentMark, ContentNode } from './content.ts'

/**
 * HTML of a reader's tree. Every character of text and every attribute is escaped, and only the
 * tags below are written, with only `href` (web and mail links, `safeHref`), `id` and `scope` as
 * attributes — so the output may be put in a page as it is.
 */
export function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;')
}

export type HtmlOptions = {
	/**
	 * Added to each heading's level: the editor's headings start at 2 under the section's title (h1
	 * on the section page); in the whole document the title is h2, so its headings move down one.
	 */
	headingOffset: number
	/** When set, each top-level block gets `id="<prefix>-<index>"`, the target of a finding's link. */
	blockIdPrefix?: string
}

const SIMPLE_MARKS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', code: 'code' }

function markTags(mark: ContentMark): [string, string] {
	if (mark.type === 'link') return [`<a href="${escapeHtml(mark.href)}">`, '</a>']
	const tag = SIMPLE_MARKS[mark.type] as string
	return [`<${tag}>`, `</${tag}>`]
}

function inline(node: Extract<ContentNode, { type: 'text' }>): string {
	let html = escapeHtml(node.text)
	// Links outermost, so a link's formatting sits inside it.
	const marks = [...node.marks].sort((a, b) => (a.type === 'link' ? 1 : 0) - (b.type === 'link' ? 1 : 0))
	for (const mark of marks) {
		const [open, close] = markTags(mark)
		html = open + html + close
	}
	return html
}

function children(nodes: readonly ContentNode[], options: HtmlOptions): string {
	return nodes.map((node) => nodeHtml(node, options, undefined)).join('')
}

function tableHtml(rows: readonly ContentNode[], options: HtmlOptions): string {
	const [first, ...rest] = rows
	const isHeaderRow = (row: ContentNode | undefined) =>
		row !== undefined &&
		'content' in row &&
		row.content.length > 0 &&
		row.content.every((cell) => cell.type === 'tableHeader')
	const rowHtml = (row: ContentNode, inHead: boolean) =>
		'content' in row
			? `<tr>${row.content
					.map((cell) => {
						const inner = 'content' in cell ? children(cell.content, options) : ''
						if (cell.type !== 'tableHeader') return `<td>${inner}</td>`
						return `<th scope="${inHead ? 'col' : 'row'}">${inner}</th>`
					})
					.join('')}</tr>`
			: ''
	if (first && isHeaderRow(first)) {
		return `<table><thead>${rowHtml(first, true)}</thead><tbody>${rest.map((row) => rowHtml(row, false)).join('')}</tbody></table>`
	}
	return `<table><tbody>${rows.map((row) => rowHtml(row, false)).join('')}</tbody></table>`
}

function nodeHtml(node: ContentNode, options: HtmlOptions, id: string | undefined): string {
	const idAttribute = id ? ` id="${escapeHtml(id)}"` : ''
	switch (node.type) {
		case 'text':
			return inline(node)
		case 'hardBreak':
			return '<br>'
		case 'horizontalRule':
			return `<hr${idAttribute}>`
		case 'heading': {
			const level = Math.min(6, Math.max(1, node.level + options.headingOffset))
			return `<h${level}${idAttribute}>${children(node.content, options)}</h${level}>`
		}
		case 'paragraph':
			return `<p${idAttribute}>${children(node.content, options)}</p>`
		case 'blockquote':
			return `<blockquote${idAttribute}>${children(node.content, options)}</blockquote>`
		case 'bulletList':
			return `<ul${idAttribute}>${children(node.content, options)}</ul>`
		case 'orderedList':
			return `<ol${idAttribute}>${children(node.content, options)}</ol>`
		case 'listItem':
			return `<li>${children(node.content, options)}</li>`
		case 'codeBlock':
			return `<pre${idAttribute}><code>${children(node.content, options)}</code></pre>`
		case 'table':
			return id
				? `<div${idAttribute}>${tableHtml(node.content, options)}</div>`
				: tableHtml(node.content, options)
		case 'tableRow':
		case 'tableCell':
		case 'tableHeader':
			// Only reachable inside a table; a stray one shows its words.
			return children(node.content, options)
	}
}

/** The HTML of a section body. */
export function renderSectionHtml(blocks: readonly BlockNode[], options: HtmlOptions): string {
	return blocks
		.map((block, index) =>
			nodeHtml(block, options, options.blockIdPrefix ? `${options.blockIdPrefix}-${index}` : undefined),
		)
		.join('\n')
}
