import type { BlockNode, ContentNode } from './content.ts'
import { plainTextOf } from './content.ts'

/**
 * CommonMark (with GitHub's tables) of a reader's tree. Text is escaped so that a reader's words
 * never turn into formatting; headings move down by `headingOffset` as in the HTML.
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/([\\`*_[\]{}<>()#+\-.!|~])/g, '\\$1')
}

function inline(nodes: readonly ContentNode[]): string {
	let out = ''
	for (const node of nodes) {
		if (node.type === 'hardBreak') out += '\\\n'
		else if (node.type === 'text') {
			let text = node.marks.some((mark) => mark.type === 'code')
				? `\`${node.text.replaceAll('`', "'")}\``
				: escapeMarkdown(node.text)
			for (const mark of node.marks) {
				if (mark.type === 'bold') text = `**${text}**`
				else if (mark.type === 'italic') text = `_${text}_`
				else if (mark.type === 'strike') text = `~~${text}~~`
			}
			const link = node.marks.find((mark) => mark.type === 'link')
			if (link && link.type === 'link') text = `[${text}](<${link.href.replaceAll('>', '%3E')}>)`
			out += text
		} else if ('content' in node) out += inline(node.content)
	}
	return out
}

function indent(text: string, prefix: string): string {
	return text
		.split('\n')
		.map((line, index) => (index === 0 || line === '' ? line : prefix + line))
		.join('\n')
}

function list(node: Extract<BlockNode, { type: 'bulletList' | 'orderedList' }>, offset: number): string {
	return node.content
		.map((item, index) => {
			const marker = node.type === 'orderedList' ? `${index + 1}. ` : '- '
			const body = 'content' in item ? blocks(item.content as BlockNode[], offset) : ''
			return marker + indent(body, ' '.repeat(marker.length))
		})
		.join('\n')
}

function table(rows: readonly ContentNode[]): string {
	const cells = rows.map((row) =>
		'content' in row
			? row.content.map((cell) => inline([cell]).replaceAll('\n', ' ').replaceAll('|', '\\|'))
			: [],
	)
	const width = Math.max(1, ...cells.map((row) => row.length))
	const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? '').join(' | ')} |`
	const [head = [], ...body] = cells
	return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n')
}

function block(node: BlockNode, offset: number): string {
	switch (node.type) {
		case 'heading':
			return `${'#'.repeat(Math.min(6, node.level + offset))} ${inline(node.content)}`
		case 'paragraph':
			return inline(node.content)
		case 'blockquote':
			return blocks(node.content as BlockNode[], offset)
				.split('\n')
				.map((line) => (line ? `> ${line}` : '>'))
				.join('\n')
		case 'bulletList':
		case 'orderedList':
			return list(node, offset)
		case 'codeBlock':
			return `\`\`\`\n${plainTextOf(node.content).replaceAll('```', "'''")}\n\`\`\``
		case 'horizontalRule':
			return '---'
		case 'table':
			return table(node.content)
		case 'hardBreak':
			return ''
		default:
			return inline(node.content)
	}
}

function blocks(nodes: readonly BlockNode[], offset: number): string {
	return nodes.map((node) => block(node, offset)).join('\n\n')
}

/** The Markdown of a section body. */
export function renderSectionMarkdown(
	nodes: readonly BlockNode[],
	options: { headingOffset: number },
): string {
	return blocks(nodes, options.headingOffset)
}
